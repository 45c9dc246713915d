// Under another participant's photo, in a shared expedition: its original (the display
// copy is what was shared) asked for with one button, then where the request stands.
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMegabytes } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import type { OriginalState } from '../../sync/session';
import { usePhotoOriginals, type PhotoOriginals } from '../PhotoOriginalsContext';

const NONE: OriginalState = { status: 'none' };

export function PhotoOriginal({ attachmentId }: { attachmentId: string }): JSX.Element | null {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const originals = usePhotoOriginals();
  const state = useOriginalState(originals, attachmentId);
  if (!originals || state.status === 'none') return null;
  const size = formatMegabytes(state.size, locale);
  const name = originals.members.find((member) => member.id === state.author)?.name ?? state.author;
  const ask = (label: string) => (
    <button type="button" onClick={() => originals.session.requestOriginal(attachmentId)}>
      {label}
    </button>
  );
  switch (state.status) {
    case 'available':
      return <div className="image-original">{ask(t('photos.original.ask', { size }))}</div>;
    case 'refused':
      return (
        <div className="image-original">
          <p className="image-hint" role="alert">
            {t('photos.original.refused', { name })}
          </p>
          {ask(t('photos.original.askAgain', { size }))}
        </div>
      );
    case 'requested':
      return (
        <p className="image-hint" role="status">
          {t(state.authorOnline ? 'photos.original.requested' : 'photos.original.waiting', { name, size })}
        </p>
      );
    case 'downloading':
      return (
        <p className="image-hint" role="status">
          {t('photos.original.downloading', { size, done: state.received, total: state.chunks })}
        </p>
      );
    case 'here':
      return <p className="image-hint">{t('photos.original.here', { size })}</p>;
  }
}

/** The photo's OriginalState, followed as the session's change. */
function useOriginalState(originals: PhotoOriginals | null, photoId: string): OriginalState {
  const [state, setState] = useState<OriginalState>(NONE);
  const session = originals?.session;
  useEffect(() => {
    if (!session) {
      setState(NONE);
      return;
    }
    // Each change of the session tells every photo: only a real change renders.
    const read = (): void =>
      setState((current) => {
        const next = session.originalState(photoId);
        return JSON.stringify(next) === JSON.stringify(current) ? current : next;
      });
    read();
    return session.watchOriginals(read);
  }, [session, photoId]);
  return state;
}
