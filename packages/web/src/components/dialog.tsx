import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

export interface DialogProps {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly onClose: () => void;
  readonly children?: ReactNode;
  /** Buttons at the bottom right (confirm, cancel). */
  readonly footer?: ReactNode;
}

/** A modal on the native <dialog>: focus is trapped, Escape closes, focus returns to the opener. */
export function Dialog({ open, title, onClose, children, footer }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => { event.preventDefault(); onClose(); }}
    >
      {open && (
        <>
          <div className="dialog-header"><h2 id={titleId} style={{ fontSize: 'var(--font-size-lg)' }}>{title}</h2></div>
          <div className="dialog-body">{children}</div>
          {footer !== undefined && <div className="dialog-footer">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
