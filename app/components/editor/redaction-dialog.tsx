import { useEffect, useRef, useState, type FormEvent } from "react";
import { EditorModal } from "./editor-modal";
import { placeholderOf, redactionLabelNames, redactionLabels, type RedactionLabel } from "~/lib/collab/redaction-labels";

interface RedactionDialogProps {
  /** The selected text, shown as text (never HTML) so the person sees what goes. */
  text: string;
  /** Resolves once done; rejects with a message to show here. */
  onConfirm(label: RedactionLabel): Promise<void>;
  onClose(): void;
}

/** More than this is cut in the preview; the count still says how much goes. */
const PREVIEW_CHARS = 600;

/**
 * The confirm step of Redact selection: the passage, what replaces it, Redact or Cancel.
 * Modal like the code palette: Escape or a click outside closes it; Enter confirms.
 */
export function RedactionDialog({ text, onConfirm, onClose }: RedactionDialogProps) {
  const [label, setLabel] = useState<RedactionLabel>("REDACTED");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const firstRadio = useRef<HTMLInputElement>(null);

  useEffect(() => firstRadio.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    // On success the dialog closes (unmounts); only a failure leaves it up to show why.
    onConfirm(label).catch((err: unknown) => {
      setError(err instanceof Error ? err.message : "The redaction could not be made.");
      setBusy(false);
    });
  };

  // Escape closes it wherever focus is; focus returns to the text (onClose does that).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  const shown = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  const count = `${text.length} character${text.length === 1 ? "" : "s"}`;
  return (
    <EditorModal title="Redact selection" className="thk-redact" onClose={onClose}>
      <p className="thk-redact__text">
        {shown}
      </p>
      <form onSubmit={submit}>
        <fieldset className="thk-redact__labels">
          <legend>Replace with</legend>
          {redactionLabels.map((option, i) => (
            <label key={option} className="thk-redact__option">
              <input
                ref={i === 0 ? firstRadio : undefined}
                type="radio"
                name="label"
                value={option}
                checked={label === option}
                onChange={() => setLabel(option)}
              />
              <code>{placeholderOf(option)}</code>
              <span>{redactionLabelNames[option]}</span>
            </label>
          ))}
        </fieldset>
        <p className="thk-redact__note">
          {count} become <strong>{placeholderOf(label)}</strong> for everyone. The original is erased from the
          document&apos;s stored history, and from the contributor&apos;s answers if it came from a form. This cannot be
          undone.
        </p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="thk-redact__actions">
          <button type="button" className="btn btn--secondary btn--small" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn--danger btn--small" disabled={busy}>
            {busy ? "Redacting…" : "Redact"}
          </button>
        </div>
      </form>
    </EditorModal>
  );
}
