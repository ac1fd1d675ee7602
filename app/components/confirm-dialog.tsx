import { Form } from "@remix-run/react";
import { useRef, useState, type ReactNode } from "react";

interface ConfirmDialogProps {
  /** The button that opens the dialog. */
  trigger: ReactNode;
  triggerClassName?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Hidden fields posted when the person confirms. */
  fields: Record<string, string>;
  /** When set, the person must type this text before confirming (deleting a project). */
  typeToConfirm?: string;
}

/**
 * A destructive action asks first, in a native <dialog>: focus moves into it, Escape closes
 * it, and nothing is sent until the person confirms.
 */
export function ConfirmDialog({
  trigger,
  triggerClassName = "btn btn--danger btn--small",
  title,
  children,
  confirmLabel,
  fields,
  typeToConfirm,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const ready = typeToConfirm === undefined || typed === typeToConfirm;
  return (
    <>
      <button type="button" className={triggerClassName} onClick={() => ref.current?.showModal()}>
        {trigger}
      </button>
      <dialog ref={ref} aria-label={title} onClose={() => setTyped("")}>
        <h2>{title}</h2>
        <div>{children}</div>
        <Form method="post" onSubmit={() => ref.current?.close()}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {typeToConfirm !== undefined ? (
            <div className="field">
              <label htmlFor="confirm-text">
                Type <strong>{typeToConfirm}</strong> to confirm
              </label>
              <input id="confirm-text" type="text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
            </div>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="btn btn--secondary" onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn btn--danger" disabled={!ready}>
              {confirmLabel}
            </button>
          </div>
        </Form>
      </dialog>
    </>
  );
}
