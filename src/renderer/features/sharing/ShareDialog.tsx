// "Partager l'expédition": the organiser connects the expedition to a sync server with
// its admin key, then invites participants (a link, a code, a QR code each), sees who
// joined and when each was last seen, and revokes an invitation. A participant sees where
// and as whom they take part.
import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition } from '../../../shared/model';
import type { ParticipantEntry } from '../../../shared/sync/access';
import { parseSyncOrigin, type Invitation } from '../../../shared/sync/invitation';
import { Dialog } from '../../components/Dialog';
import { db } from '../../db/AppDB';
import { writeSetting } from '../../db/settings';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { carnet } from '../../platform';
import { registerExpedition } from '../../sync/register';
import { allowServer, keepPendingShare, takePendingShare, type PendingShare } from './serverChange';
import { InvitationCard } from './InvitationCard';
import { useSharedTitle, useSharing, type ShareSetting } from './SharingProvider';
import { reasonText, syncStatusText } from './syncStatusText';

export function ShareDialog({ expedition, onClose }: { expedition: Expedition; onClose: () => void }): JSX.Element {
  const { t } = useTranslation();
  const { share } = useSharing();
  const sharedTitle = useSharedTitle();
  let body: JSX.Element;
  if (share && share.expeditionId !== expedition.id) body = <p role="alert">{t('sharing.alreadyShared', { title: sharedTitle })}</p>;
  else if (!share) body = <StartSharing expedition={expedition} />;
  else if (share.role === 'organiser') body = <Organiser share={share} />;
  else body = <Participant share={share} />;
  return (
    <Dialog title={t('sharing.title')} onClose={onClose} wide>
      <div className="form sharing">{body}</div>
    </Dialog>
  );
}

function StartSharing({ expedition }: { expedition: Expedition }): JSX.Element {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [adminKey, setAdminKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const register = async (pending: PendingShare): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await registerExpedition({ ...pending, name: expedition.participant.trim() });
    setBusy(false);
    if (!result.ok) return setError(t('sharing.status.refused', { reason: reasonText(t, result.reason) }));
    await writeSetting(db(), 'share', { ...result.config, invitations: {} });
  };
  // Back from the reload that allowed the server: carry on where the form was.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    const pending = takePendingShare(expedition.id);
    if (!pending) return;
    setUrl(pending.url);
    setAdminKey(pending.adminKey);
    void register(pending);
  }, []);

  const share = async (serverUrl: string, key: string): Promise<void> => {
    const origin = parseSyncOrigin(serverUrl.trim());
    if (!origin) return setError(t('sharing.problems.server'));
    if (!key.trim()) return setError(t('sharing.problems.adminKey'));
    if (!expedition.participant.trim()) return setError(t('sharing.problems.noName'));
    const pending = { url: origin, adminKey: key.trim(), expeditionId: expedition.id };
    try {
      if (await allowServer(origin, () => keepPendingShare(pending))) await register(pending);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const startHere = async (): Promise<void> => {
    setError(null);
    const started = await carnet().startSyncServer();
    if (!started.ok) return setError(t(`errors.${started.error.code}`, { ...started.error.detail, defaultValue: started.error.message }));
    setUrl(started.value.url);
    setAdminKey(started.value.adminKey);
    await share(started.value.url, started.value.adminKey);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void share(url, adminKey);
      }}
    >
      <p className="lede">{t('sharing.intro')}</p>
      <button type="button" disabled={busy} onClick={() => void startHere()}>
        {t('sharing.startHere')}
      </button>
      <p className="hint">{t('sharing.startHereHint')}</p>
      <label className="field">
        <span>{t('sharing.server')}</span>
        <input value={url} onChange={(event) => setUrl(event.target.value)} placeholder="ws://192.168.1.20:4455" spellCheck={false} autoComplete="off" />
        <small>{t('sharing.serverHint')}</small>
      </label>
      <label className="field">
        <span>{t('sharing.adminKey')}</span>
        <input type="password" value={adminKey} onChange={(event) => setAdminKey(event.target.value)} autoComplete="off" />
        <small>{t('sharing.adminKeyHint')}</small>
      </label>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <footer className="form-actions">
        {busy && <span role="status">{t('sharing.starting')}</span>}
        <button type="submit" className="primary" disabled={busy}>
          {t('sharing.start')}
        </button>
      </footer>
    </form>
  );
}

function Status(): JSX.Element | null {
  const { t } = useTranslation();
  const { state } = useSharing();
  return state && <p className="sync-line">{syncStatusText(t, state)}</p>;
}

function Organiser({ share }: { share: ShareSetting }): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const { session } = useSharing();
  const [participants, setParticipants] = useState<ParticipantEntry[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Invitation | null>(null);
  useEffect(() => session?.watchParticipants(setParticipants), [session]);
  const [online, setOnline] = useState<Set<string>>(new Set());
  useEffect(() => session?.watchOnline(setOnline), [session]);

  const invite = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const wanted = name.trim();
    if (!wanted) return setError(t('sharing.problems.name'));
    if (participants.some((entry) => entry.name.localeCompare(wanted, undefined, { sensitivity: 'base' }) === 0))
      return setError(t('sharing.problems.nameTaken'));
    if (!session) return;
    setError(null);
    const invitation = await session.invite(wanted);
    // Kept in this notebook only, to show the invitation again; the server keeps a hash.
    await writeSetting(db(), 'share', { ...share, invitations: { ...share.invitations, [invitation.participant]: invitation.token } });
    setName('');
    setShown(invitation);
  };
  const invitationOf = (entry: ParticipantEntry): Invitation | null => {
    const token = share.invitations[entry.id];
    return token ? { server: share.url, expedition: share.expeditionId, participant: entry.id, name: entry.name, token } : null;
  };
  const revoke = (entry: ParticipantEntry): void => {
    if (!window.confirm(t('sharing.revokeConfirm', { name: entry.name }))) return;
    session?.revoke(entry.id);
    if (shown?.participant === entry.id) setShown(null);
  };

  return (
    <>
      <Status />
      <form className="invite-form" onSubmit={(event) => void invite(event)}>
        <label className="field">
          <span>{t('sharing.inviteName')}</span>
          <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="primary">
          {t('sharing.invite')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {shown && <InvitationCard invitation={shown} />}
      <section aria-label={t('sharing.participants')}>
        <h3>{t('sharing.participants')}</h3>
        <ul className="participant-list">
          {participants.map((entry) => {
            const invitation = invitationOf(entry);
            const seen = entry.revoked
              ? t('sharing.revoked')
              : online.has(entry.id)
                ? t('sharing.online')
                : entry.lastSeen > 0
                  ? t('sharing.lastSeen', { date: formatDateTime(entry.lastSeen, locale) })
                  : t('sharing.neverSeen');
            return (
              <li key={entry.id} className={entry.revoked ? 'revoked' : undefined}>
                <span className="participant-name">
                  {entry.name}
                  {entry.id === share.participantId && ` (${t('sharing.you')}, ${t('sharing.organiser')})`}
                </span>
                <span className="participant-seen">{seen}</span>
                {entry.role === 'participant' && !entry.revoked && (
                  <span className="participant-actions">
                    {invitation && (
                      <button type="button" className="quiet" onClick={() => setShown(invitation)} aria-label={t('sharing.showNamed', { name: entry.name })}>
                        {t('sharing.show')}
                      </button>
                    )}
                    <button type="button" className="quiet danger" onClick={() => revoke(entry)} aria-label={t('sharing.revokeNamed', { name: entry.name })}>
                      {t('sharing.revoke')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <Leave />
    </>
  );
}

function Participant({ share }: { share: ShareSetting }): JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <Status />
      <p>{t('sharing.youAre', { name: share.name, server: share.url })}</p>
      <Leave />
    </>
  );
}

/** Stops syncing this notebook: what it holds stays, nothing more is sent or received. */
function Leave(): JSX.Element {
  const { t } = useTranslation();
  const leave = async (): Promise<void> => {
    if (!window.confirm(t('sharing.leaveConfirm'))) return;
    await writeSetting(db(), 'share', null);
    await carnet().setSyncServer({ url: null });
    window.location.reload();
  };
  return (
    <footer className="form-actions">
      <button type="button" className="quiet danger" onClick={() => void leave()}>
        {t('sharing.leave')}
      </button>
    </footer>
  );
}
