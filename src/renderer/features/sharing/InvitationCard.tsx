// One participant's invitation: the link, the code and a QR code of the link, each ready
// to copy or to show on a screen.
import qrcode from 'qrcode-generator';
import { useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationCode, invitationLink, type Invitation } from '../../../shared/sync/invitation';

export function InvitationCard({ invitation }: { invitation: Invitation }): JSX.Element {
  const { t } = useTranslation();
  const link = invitationLink(invitation);
  const code = invitationCode(invitation);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (what: string, text: string): void => {
    void navigator.clipboard.writeText(text).then(() => setCopied(what));
  };
  return (
    <section className="invitation" aria-label={t('sharing.inviteFor', { name: invitation.name })}>
      <h3>{t('sharing.inviteFor', { name: invitation.name })}</h3>
      <p className="hint">{t('sharing.inviteHint', { name: invitation.name })}</p>
      <div className="invitation-body">
        <QrCode text={link} label={t('sharing.qr', { name: invitation.name })} />
        <div className="invitation-texts">
          {[
            { what: t('sharing.link'), text: link },
            { what: t('sharing.code'), text: code },
          ].map(({ what, text }) => (
            <label key={what} className="field">
              <span>{what}</span>
              <span className="copy-row">
                <input readOnly value={text} onFocus={(event) => event.target.select()} />
                <button type="button" onClick={() => copy(what, text)} aria-label={t('sharing.copyNamed', { what })}>
                  {t('sharing.copy')}
                </button>
              </span>
            </label>
          ))}
          <p role="status" className="hint">
            {copied && t('sharing.copied')}
          </p>
        </div>
      </div>
    </section>
  );
}

/** A QR code as SVG (the policy allows no inline image data it does not need). */
function QrCode({ text, label }: { text: string; label: string }): JSX.Element {
  const path = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const size = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { d, size: size + 8 };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${path.size} ${path.size}`} shapeRendering="crispEdges">
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
