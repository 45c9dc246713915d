// A modal built on <dialog>: focus is trapped and Escape closes it, natively; it opens
// with the focus in its first field and, closed, gives the focus back to what opened it.
import { useEffect, useRef, useState, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/** The fields a dialog's keys are meant for (its close button is not one). */
const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/** Without a field, the dialog's first button that destroys nothing (Import's first kind of
 *  file, the trash's first Restore), not its close button. */
function firstChoice(dialog: HTMLDialogElement): HTMLElement | null {
  const buttons = [...dialog.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
  return buttons.find((button) => !button.closest('.dialog-header') && !button.classList.contains('danger')) ?? null;
}

export function Dialog({ title, onClose, children, wide }: Props): JSX.Element {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  // What had the focus before the dialog (read while rendering, before any field of the
  // dialog takes it), to give it back on closing.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    // A field that asked for the focus has it already; showModal would move it to the
    // first control, the close button, where the first space typed closes the dialog.
    const focused = document.activeElement;
    const wanted = focused instanceof HTMLElement && dialog.contains(focused) ? focused : (dialog.querySelector<HTMLElement>(FIELDS) ?? firstChoice(dialog));
    dialog.showModal?.();
    wanted?.focus();
  }, []);
  useEffect(
    () => () => {
      // Closed: the focus goes back to what opened it (a button, a menu's field), unless
      // something else took it meanwhile or it is gone. A field that only holds keys for
      // a capture (tabIndex -1) is not given it back.
      const nowhere = document.activeElement === null || document.activeElement === document.body;
      if (nowhere && opener?.isConnected && opener.tabIndex >= 0) opener.focus();
    },
    [opener],
  );
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('dismiss')} onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
