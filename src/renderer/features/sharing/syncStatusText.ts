// The sync state in words, for the status in the sidebar and the sharing dialog.
import type { TFunction } from 'i18next';
import type { SyncState } from '../../sync/session';

const KNOWN_REASONS = ['unreachable', 'unknown-token', 'revoked', 'forbidden', 'access-exists', 'invalid-document', 'server-error'] as const;

/** Why the server (or the network) said no, in the user's language. */
export function reasonText(t: TFunction, reason: string): string {
  return (KNOWN_REASONS as readonly string[]).includes(reason)
    ? t(`sharing.reasons.${reason as (typeof KNOWN_REASONS)[number]}`)
    : t('sharing.reasons.other', { reason });
}

export function syncStatusText(t: TFunction, state: SyncState): string {
  switch (state.connection) {
    case 'connecting':
      return t('sharing.status.connecting');
    case 'online':
      return state.waiting > 0 ? t('sharing.status.syncing', { count: state.waiting }) : t('sharing.status.online');
    case 'offline':
      return state.waiting > 0 ? t('sharing.status.offlineWaiting', { count: state.waiting }) : t('sharing.status.offline');
    case 'refused':
      return t('sharing.status.refused', { reason: reasonText(t, state.reason ?? 'server-error') });
  }
}
