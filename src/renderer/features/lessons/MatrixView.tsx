// Visits × lessons: how much evidence each visit brought to each lesson, shaded by count.
// A cell opens the list of its evidence; the table can be copied or saved as CSV.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { participantOf } from '../../../shared/journal/agreement';
import { evidenceCount, evidenceMatrix, matrixToCsv, type EvidenceItem } from '../../../shared/journal/evidence';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { useSharing } from '../sharing/SharingProvider';
import { withStates } from '../../db/notes';
import { carnet } from '../../platform';
import { EvidenceItemView } from './EvidenceItemView';

interface Props {
  expedition: Expedition;
  visits: Visit[];
  lessons: Lesson[];
  onOpenNote: (noteId: string, visitId: string) => void;
}

const sum = (items: EvidenceItem[]) => items.reduce((total, item) => total + evidenceCount(item), 0);
/** How many participants linked something in a cell: where the group agrees. */
const participantCount = (items: EvidenceItem[]) => new Set(items.map((item) => participantOf(item.note).key)).size;

export function MatrixView({ expedition, visits, lessons, onOpenNote }: Props): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ visit: number; lesson: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { shows, share } = useSharing();
  // In a shared expedition a cell can count participants rather than pieces of evidence.
  const [counting, setCounting] = useState<'evidence' | 'participants'>('evidence');
  const byParticipants = counting === 'participants' && share?.expeditionId === expedition.id;
  const countOf = byParticipants ? participantCount : sum;
  const matrix = useLiveQuery(async () => {
    const notes = await db().notes.where('expeditionId').equals(expedition.id).toArray();
    // Only linked notes are evidence: the others' states are not read.
    const linked = notes.filter((note) => (note.lessonIds.length > 0 || note.passageLessonIds.length > 0) && shows(note));
    return evidenceMatrix(visits, lessons, await withStates(db(), linked));
  }, [expedition.id, visits, lessons, shows]);
  if (!matrix) return <p className="empty">…</p>;
  if (matrix.lessons.length === 0 || matrix.visits.length === 0) return <p className="empty">{t('matrix.empty')}</p>;

  const max = Math.max(1, ...matrix.cells.flat().map(countOf));
  const unlinked = matrix.visits.filter((_, v) => (matrix.cells[v] ?? []).every((items) => items.length === 0));
  const csv = () => matrixToCsv(matrix, t('matrix.visit'));
  const copy = async () => {
    await navigator.clipboard.writeText(csv());
    setStatus(t('matrix.copied'));
  };
  const save = async () => {
    const result = await carnet().saveTextFile({ suggestedName: `${t('matrix.fileName')}.csv`, content: csv(), extension: 'csv' });
    if (!result.ok) setStatus(t(`errors.${result.error.code}`));
    else if (result.value) setStatus(t('matrix.saved', { path: result.value }));
  };
  const selected = open ? matrix.cells[open.visit]?.[open.lesson] : undefined;

  return (
    <article className="matrix-view" aria-label={t('matrix.title')}>
      <header className="matrix-header">
        <h2>{t('matrix.title')}</h2>
        <div className="visit-actions">
          <button type="button" onClick={() => void copy()}>
            {t('matrix.copy')}
          </button>
          <button type="button" onClick={() => void save()}>
            {t('matrix.save')}
          </button>
          {share?.expeditionId === expedition.id && (
            <label>
              {t('matrix.counting')}{' '}
              <select value={counting} onChange={(event) => setCounting(event.target.value === 'participants' ? 'participants' : 'evidence')}>
                <option value="evidence">{t('matrix.countEvidence')}</option>
                <option value="participants">{t('matrix.countParticipants')}</option>
              </select>
            </label>
          )}
          {status && (
            <span role="status" className="hint">
              {status}
            </span>
          )}
        </div>
      </header>
      <div className="matrix-scroll">
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col">{t('matrix.visit')}</th>
              {matrix.lessons.map((lesson) => (
                <th scope="col" key={lesson.id}>
                  <span className="lesson-dot" style={{ backgroundColor: lesson.color }} aria-hidden="true" /> {lesson.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.visits.map((visit, v) => (
              <tr key={visit.id}>
                <th scope="row">{visit.title}</th>
                {matrix.lessons.map((lesson, l) => {
                  const count = countOf(matrix.cells[v]?.[l] ?? []);
                  return (
                    <td key={lesson.id}>
                      <button
                        type="button"
                        className="matrix-cell"
                        style={{ backgroundColor: `color-mix(in srgb, ${lesson.color} ${Math.round((count / max) * 70)}%, transparent)` }}
                        aria-label={t(byParticipants ? 'matrix.cellParticipants' : 'matrix.cell', { count, visit: visit.title, lesson: lesson.title })}
                        aria-pressed={open?.visit === v && open.lesson === l}
                        onClick={() => setOpen({ visit: v, lesson: l })}
                      >
                        {count}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unlinked.length > 0 && (
        <p className="hint matrix-unlinked">
          {t('matrix.unlinked', { count: unlinked.length })} {unlinked.map((visit) => visit.title).join(' · ')}
        </p>
      )}
      {open && selected && (
        <section className="evidence" aria-label={t('matrix.cellEvidence')}>
          <h3>
            {matrix.visits[open.visit]?.title} × {matrix.lessons[open.lesson]?.title}
          </h3>
          {selected.length === 0 && <p className="empty">{t('lessons.noEvidence')}</p>}
          <ul>
            {selected.map((item) => (
              <EvidenceItemView key={item.note.id} item={item} onOpenNote={onOpenNote} />
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
