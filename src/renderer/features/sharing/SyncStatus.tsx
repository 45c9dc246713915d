// Always in sight while an expedition is shared: connected, syncing, offline with what
// waits, or why the server refused. A click opens the sharing dialog.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useSharing } from './SharingProvider';
import { syncStatusText } from './syncStatusText';

export function SyncStatus({ expeditionId, onOpen }: { expeditionId: string; onOpen: () => void }): JSX.Element | null {
  const { t } = useTranslation();
  const { share, state } = useSharing();
  if (!share || share.expeditionId !== expeditionId) return null;
  const shown = state ?? { connection: 'connecting' as const, waiting: 0 };
  const tone = shown.connection === 'online' && shown.waiting === 0 ? 'ok' : shown.connection === 'refused' ? 'error' : shown.connection;
  return (
    <button type="button" className={`sync-status sync-${tone}`} onClick={onOpen} title={t('sharing.status.label')}>
      <span className="sync-dot" aria-hidden="true" />
      <span role="status">{syncStatusText(t, shown)}</span>
    </button>
  );
}
