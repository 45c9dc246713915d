// Many photos at once: each becomes a photo note on the visit during which it was taken
// (from its EXIF time), or on the visit the user picks.
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { imageMarkdown } from '../../../shared/editor/imageMarkdown';
import { createHeadlessNoteEditor, markdownToNote } from '../../../shared/editor/markdown';
import { newId } from '../../../shared/ids';
import type { ImportIssue } from '../../../shared/importPlan';
import type { Attachment, Expedition, Note, Visit } from '../../../shared/model';
import { visitInProgress } from '../../../shared/visits';
import { db } from '../../db/AppDB';
import type { ImportReport } from '../../db/importApply';
import { addNotes } from '../../db/notes';
import { formatDateTime } from '../../i18n';
import { blobOf, carnet } from '../../platform';
import { processImage, type ProcessedImage } from '../../photos/processImage';
import { useLocale } from '../../i18n/useLocale';

interface Item {
  image: ProcessedImage;
  visitId: string;
}

interface Props {
  expedition: Expedition;
  visits: Visit[];
  onDone: (report: ImportReport) => void;
}

export function PhotoImport({ expedition, visits, onDone }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [items, setItems] = useState<Item[] | null>(null);
  const [refused, setRefused] = useState<ImportIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fallbackVisit = visits[0]?.id ?? '';

  const pick = async () => {
    setBusy(true);
    const picked = await carnet().pickImages();
    if (!picked.ok) {
      setBusy(false);
      setError(t(`errors.${picked.error.code}`));
      return;
    }
    const ok: Item[] = [];
    const problems: ImportIssue[] = [];
    for (const file of picked.value) {
      const processed = await processImage(blobOf(file.bytes), file.name, expedition.timeZone);
      if (!processed.ok) {
        problems.push({
          code: 'skippedItem',
          message: processed.problem,
          detail: { name: file.name, reason: t(`photos.errors.${processed.problem}`, { name: file.name }) },
        });
        continue;
      }
      const taken = processed.image.capturedAt;
      const during = taken === null ? null : visitInProgress(visits, taken, expedition.timeZone);
      ok.push({ image: processed.image, visitId: during?.id ?? fallbackVisit });
    }
    setItems(ok);
    setRefused(problems);
    setBusy(false);
  };

  const confirm = async () => {
    if (!items) return;
    setBusy(true);
    const editor = createHeadlessNoteEditor();
    const now = Date.now();
    const attachments: Attachment[] = [];
    const notes: Note[] = items.map(({ image, visitId }) => {
      const noteId = newId();
      const attachment: Attachment = { ...image, id: newId(), noteId, expeditionId: expedition.id, caption: '', createdAt: now };
      attachments.push(attachment);
      const createdAt = image.capturedAt ?? now;
      return {
        id: noteId,
        expeditionId: expedition.id,
        visitId,
        kind: 'observation',
        title: '',
        speaker: '',
        ...markdownToNote(imageMarkdown(attachment.id, ''), editor),
        lessonIds: [],
        pinned: false,
        author: expedition.participant,
        createdAt,
        updatedAt: createdAt,
        deletedAt: null,
      };
    });
    try {
      await db().transaction('rw', [db().notes, db().noteStates, db().attachments], async () => {
        await db().attachments.bulkAdd(attachments);
        await addNotes(db(), notes);
      });
      onDone({
        imported: { visits: 0, lessons: 0, notes: notes.length, photos: attachments.length },
        extra: { visits: 0, lessons: 0 },
        skipped: refused,
        itemCount: items.length + refused.length,
      });
    } catch (failure) {
      console.error('[carnet] photo import failed', failure);
      setError(t('errors.internal'));
      setBusy(false);
    }
  };

  if (!items)
    return (
      <section>
        <p className="hint">{t('importer.photosHint')}</p>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="button" className="primary" disabled={busy || visits.length === 0} onClick={() => void pick()}>
          {t('importer.pickPhotos')}
        </button>
        {visits.length === 0 && <p className="hint">{t('visits.none')}</p>}
      </section>
    );

  return (
    <section aria-label={t('importer.kinds.photos')}>
      <p role="status">{t('importer.photosFound', { count: items.length })}</p>
      <ul className="preview-list">
        {items.map((item, index) => (
          <li key={index} className="photo-row">
            <strong>{item.image.name}</strong>
            <span className="hint">
              {item.image.capturedAt ? formatDateTime(item.image.capturedAt, locale, expedition.timeZone) : t('importer.noCaptureTime')}
            </span>
            <select
              aria-label={t('importer.photoVisit', { name: item.image.name })}
              value={item.visitId}
              onChange={(e) => setItems(items.map((other, i) => (i === index ? { ...other, visitId: e.target.value } : other)))}
            >
              {visits.map((visit) => (
                <option key={visit.id} value={visit.id}>
                  {visit.title}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      {refused.length > 0 && (
        <ul className="issues">
          {refused.map((issue, index) => (
            <li key={index}>{String(issue.detail?.['reason'] ?? issue.message)}</li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <footer className="form-actions">
        <button type="button" className="primary" disabled={busy || items.length === 0} onClick={() => void confirm()}>
          {t('importer.confirm')}
        </button>
      </footer>
    </section>
  );
}
