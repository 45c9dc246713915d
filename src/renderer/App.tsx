import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from './db/AppDB';
import type { SettingKey } from './db/settings';
import { Onboarding } from './features/onboarding/Onboarding';
import { Workspace } from './features/layout/Workspace';
import { JoinDialog } from './features/sharing/JoinDialog';
import { SharingProvider } from './features/sharing/SharingProvider';
import { useInvitationLink } from './features/sharing/useInvitationLink';
import { useSettings } from './features/settings/useSettings';

interface Props {
  /** Settings found unreadable at start, reported once. */
  invalidSettings: SettingKey[];
}

export function App({ invalidSettings }: Props): JSX.Element | null {
  const { t } = useTranslation();
  const settings = useSettings();
  const [notice, setNotice] = useState(invalidSettings.length > 0 ? t('settings.invalid', { keys: invalidSettings.join(', ') }) : null);
  const invitation = useInvitationLink();
  const expeditionId = settings?.currentExpeditionId ?? null;
  const expedition = useLiveQuery(
    async () =>
      // A missing or dangling choice falls back to the latest expedition rather than
      // sending the user back to the welcome screen.
      (expeditionId ? await db().expeditions.get(expeditionId) : undefined) ?? (await db().expeditions.orderBy('updatedAt').last()) ?? null,
    [expeditionId],
  );
  if (!settings || expedition === undefined) return null;

  return (
    <SharingProvider share={settings.share}>
      {notice && (
        <div className="notice" role="alert">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)} aria-label={t('dismiss')}>
            ×
          </button>
        </div>
      )}
      {expedition ? <Workspace expedition={expedition} settings={settings} /> : <Onboarding />}
      {invitation.link && <JoinDialog key={invitation.link} initial={invitation.link} onClose={invitation.dismiss} />}
    </SharingProvider>
  );
}
