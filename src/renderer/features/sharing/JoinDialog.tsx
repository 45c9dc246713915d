// "Rejoindre une expédition": a participant pastes the link or code of their invitation;
// the expedition then arrives from the server (programme, lessons, everyone's notes).
import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { parseInvitation } from '../../../shared/sync/invitation';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { db } from '../../db/AppDB';
import { writeSetting } from '../../db/settings';
import { allowServer } from './serverChange';
import { useSharedTitle, useSharing } from './SharingProvider';

/** `initial`: an invitation link Carnet was opened with, shown to be confirmed. */
export function JoinDialog({ initial = '', onClose }: { initial?: string; onClose: () => void }): JSX.Element {
  const { t } = useTranslation();
  const { share } = useSharing();
  const sharedTitle = useSharedTitle();
  const [pasted, setPasted] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const preview = parseInvitation(pasted);

  const join = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const read = parseInvitation(pasted);
    if (!read.ok) return setError(t(`sharing.problems.${read.problem}`));
    const { invitation } = read;
    if (share && share.expeditionId !== invitation.expedition) return setError(t('sharing.alreadyShared', { title: sharedTitle }));
    await writeSetting(db(), 'share', {
      url: invitation.server,
      expeditionId: invitation.expedition,
      participantId: invitation.participant,
      role: 'participant',
      token: invitation.token,
      name: invitation.name,
      invitations: {},
    });
    await writeSetting(db(), 'currentVisitId', null);
    await writeSetting(db(), 'currentNoteId', null);
    await writeSetting(db(), 'currentExpeditionId', invitation.expedition);
    try {
      if (await allowServer(invitation.server)) onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <Dialog title={t('sharing.join')} onClose={onClose}>
      <form className="form" onSubmit={(event) => void join(event)}>
        <p className="lede">{t('sharing.joinHint')}</p>
        <label className="field">
          <span>{t('sharing.invitationLabel')}</span>
          <textarea value={pasted} onChange={(event) => setPasted(event.target.value)} rows={4} spellCheck={false} autoComplete="off" />
        </label>
        {/* What the invitation says, before it is used: whom it is for and where it leads. */}
        {preview.ok && (
          <p className="hint" role="status">
            {t('sharing.invitationFor', { name: preview.invitation.name, server: new URL(preview.invitation.server).host })}
          </p>
        )}
        <FormFooter error={error} onCancel={onClose} submitLabel={t('sharing.joinAction')} />
      </form>
    </Dialog>
  );
}
