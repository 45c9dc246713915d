// Every #tag of the expedition with its count: rename, merge into another, or delete
// from every note. Each action rewrites the notes in one transaction.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidTag, normaliseTag } from '../../../shared/text/hashtags';
import { db } from '../../db/AppDB';
import type { NoteSummary } from '../../../shared/model';
import { listTags, mergeTags, renameTag } from '../../db/bulkEdits';
import { isMine, useSharing } from '../sharing/SharingProvider';

type Action = { tag: string; kind: 'rename' | 'merge' | 'delete' } | null;

export function TagManager({ expeditionId }: { expeditionId: string }): JSX.Element {
  const { t } = useTranslation();
  const tags = useLiveQuery(() => listTags(db(), expeditionId), [expeditionId]);
  const [action, setAction] = useState<Action>(null);
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  const start = (tag: string, kind: 'rename' | 'merge' | 'delete') => {
    setAction({ tag, kind });
    setValue(kind === 'rename' ? tag : '');
    setStatus(null);
  };

  const { share } = useSharing();
  const apply = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!action) return;
    const target = normaliseTag(value.trim());
    if (action.kind !== 'delete' && !isValidTag(target)) return setStatus(t('tags.invalid'));
    // In a shared expedition, only this notebook's notes: the others' are their authors'.
    const editable = (note: NoteSummary) => isMine(note, share);
    const count =
      action.kind === 'delete'
        ? await renameTag(db(), expeditionId, action.tag, null, editable)
        : action.kind === 'merge'
          ? await mergeTags(db(), expeditionId, action.tag, target, editable)
          : await renameTag(db(), expeditionId, action.tag, target, editable);
    setStatus(t('tags.done', { count }));
    setAction(null);
  };

  return (
    <article className="tag-manager" aria-label={t('tags.title')}>
      <h2>{t('tags.title')}</h2>
      <p className="hint">{t('tags.hint')}</p>
      {status && (
        <p role="status" className="hint">
          {status}
        </p>
      )}
      {tags?.length === 0 && <p className="empty">{t('tags.none')}</p>}
      <ul className="tag-list" aria-label={t('tags.title')}>
        {tags?.map(({ tag, count }) => (
          <li key={tag}>
            <span className="Carnet__hashtag">#{tag}</span>
            <span className="note-time">{t('tags.count', { count })}</span>
            {action?.tag === tag ? (
              <form className="tag-action" onSubmit={(e) => void apply(e)}>
                {action.kind === 'delete' ? (
                  <span>{t('tags.deleteConfirm', { tag })}</span>
                ) : action.kind === 'merge' ? (
                  <select aria-label={t('tags.mergeInto', { tag })} value={value} onChange={(e) => setValue(e.target.value)} autoFocus>
                    <option value="">{t('tags.pick')}</option>
                    {tags
                      .filter((other) => other.tag !== tag)
                      .map((other) => (
                        <option key={other.tag} value={other.tag}>
                          #{other.tag}
                        </option>
                      ))}
                  </select>
                ) : (
                  <input aria-label={t('tags.newName', { tag })} value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
                )}
                <button type="submit" className={action.kind === 'delete' ? 'danger' : 'primary'}>
                  {t(`tags.${action.kind}`)}
                </button>
                <button type="button" onClick={() => setAction(null)}>
                  {t('cancel')}
                </button>
              </form>
            ) : (
              <span className="tag-buttons">
                <button type="button" onClick={() => start(tag, 'rename')} aria-label={t('tags.renameTag', { tag })}>
                  {t('tags.rename')}
                </button>
                <button type="button" onClick={() => start(tag, 'merge')} aria-label={t('tags.mergeTag', { tag })}>
                  {t('tags.merge')}
                </button>
                <button type="button" onClick={() => start(tag, 'delete')} aria-label={t('tags.deleteTag', { tag })}>
                  {t('tags.delete')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
