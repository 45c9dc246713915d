// One lesson: its description, the participant's synthesis, and the evidence every visit
// brought — linked notes and linked passages — each leading back to its note.
import { useLiveQuery } from 'dexie-react-hooks';
import type { LexicalEditor } from 'lexical';
import { useCallback, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { visitReference } from '../../../shared/journal/build';
import { lessonEvidence } from '../../../shared/journal/evidence';
import { quotedIn } from '../../../shared/journal/quoted';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { deleteLesson } from '../../db/bulkEdits';
import { moveLesson, updateLesson } from '../../db/lessons';
import { withStates } from '../../db/notes';
import { NoteEditor } from '../../editor/NoteEditor';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { useCanEditStructure, useSharing } from '../sharing/SharingProvider';
import { GroupAgreement } from './GroupAgreement';
import { GroupSynthesis } from './GroupSynthesis';
import { OthersSyntheses } from './OthersSyntheses';
import { sendQuotation, type Quotation } from '../../editor/quotation';
import { EvidenceItemView } from './EvidenceItemView';
import type { Quoting } from './QuoteButton';
import { LessonForm } from './LessonForm';

interface Props {
  expedition: Expedition;
  lesson: Lesson;
  visits: Visit[];
  lessonCount: number;
  onOpenNote: (noteId: string, visitId: string) => void;
}

export function LessonView({ expedition, lesson, visits, lessonCount, onOpenNote }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const { shows, share } = useSharing();
  const groupEditor = useRef<LexicalEditor | null>(null);
  const shared = share?.expeditionId === expedition.id;
  const editable = useCanEditStructure(expedition.id);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const evidence = useLiveQuery(async () => {
    const [whole, passages] = await Promise.all([
      db().notes.where('lessonIds').equals(lesson.id).toArray(),
      db().notes.where('passageLessonIds').equals(lesson.id).toArray(),
    ]);
    const unique = new Map([...whole, ...passages].filter(shows).map((note) => [note.id, note]));
    return lessonEvidence(lesson, visits, await withStates(db(), [...unique.values()]));
  }, [lesson, visits, shows]);
  // What the group's synthesis already quotes, so that "Citer" can say so.
  const groupSynthesis = useLiveQuery(() => db().groupSyntheses.get(lesson.id), [lesson.id]);
  const quoted = useMemo(() => quotedIn(groupSynthesis?.state ?? ''), [groupSynthesis]);
  const saveSynthesis = useCallback((json: string) => updateLesson(db(), lesson.id, { synthesis: json }), [lesson.id]);
  // A quotation's back reference: "— Claire Vernet, Michelin, 20 nov. 2024 (noté par Alice)".
  const quoting = (visit: Visit, speaker: string, authors: string[]): Quoting => {
    const source = [speaker.trim(), visitReference(visit, expedition.timeZone, locale)].filter(Boolean).join(', ');
    const author = authors
      .map((name) => name.trim())
      .filter(Boolean)
      .join(', ');
    return {
      reference: author ? t('lessons.quoteReference', { source, author }) : `— ${source}`,
      source,
      send: (quotation: Quotation) => groupEditor.current && sendQuotation(groupEditor.current, quotation),
      quoted,
    };
  };
  const day = (ms: number) => formatDateTime(ms, locale, expedition.timeZone, { dateStyle: 'medium', timeStyle: undefined });

  return (
    <article className="lesson-view" aria-label={lesson.title}>
      <header className="lesson-header" style={{ borderColor: lesson.color }}>
        <h2>
          <span className="lesson-dot large" style={{ backgroundColor: lesson.color }} aria-hidden="true" />
          {lesson.title}
        </h2>
        {lesson.description && <p className="lesson-description">{lesson.description}</p>}
        {editable && (
          <div className="visit-actions">
            <button type="button" onClick={() => setEditing(true)}>
              {t('lessons.edit')}
            </button>
            <button type="button" aria-label={t('lessons.moveUp')} onClick={() => void moveLesson(db(), lesson.id, -1)}>
              ↑
            </button>
            <button type="button" aria-label={t('lessons.moveDown')} onClick={() => void moveLesson(db(), lesson.id, 1)}>
              ↓
            </button>
            {confirmDelete ? (
              <span className="confirm" role="alert">
                {t('lessons.deleteConfirm')}
                <button type="button" className="danger" onClick={() => void deleteLesson(db(), lesson.id)}>
                  {t('lessons.delete')}
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  {t('cancel')}
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => setConfirmDelete(true)}>
                {t('lessons.delete')}
              </button>
            )}
          </div>
        )}
      </header>

      <GroupSynthesis lesson={lesson} editorRef={groupEditor} />
      {shared && (
        <GroupAgreement
          lesson={lesson}
          visits={visits}
          quoting={(agreement) =>
            quoting(
              agreement.visit,
              agreement.speaker,
              agreement.participants.map((participant) => participant.name),
            )
          }
        />
      )}

      <section className="synthesis" aria-label={t('lessons.synthesis')}>
        <h3>{t('lessons.synthesis')}</h3>
        <div className="synthesis-editor">
          <NoteEditor key={lesson.id} initialState={lesson.synthesis} save={saveSynthesis} label={t('lessons.synthesis')} />
        </div>
      </section>

      <OthersSyntheses lessonId={lesson.id} />

      <section className="evidence" aria-label={t('lessons.evidence')}>
        <h3>{t('lessons.evidence')}</h3>
        {evidence?.length === 0 && <p className="empty">{t('lessons.noEvidence')}</p>}
        {evidence?.map(({ visit, items }) => (
          <section key={visit.id} className="evidence-visit">
            <h4>
              {visit.title} <span className="note-time">· {day(visit.start)}</span>
            </h4>
            <ul>
              {items.map((item) => (
                <EvidenceItemView
                  key={item.note.id}
                  item={item}
                  colour={lesson.color}
                  onOpenNote={onOpenNote}
                  {...(shared ? { quoting: quoting(visit, item.note.speaker, [item.note.author]) } : {})}
                />
              ))}
            </ul>
          </section>
        ))}
      </section>
      {editing && <LessonForm expeditionId={expedition.id} lesson={lesson} count={lessonCount} onClose={() => setEditing(false)} />}
    </article>
  );
}
