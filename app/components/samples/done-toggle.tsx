import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect } from "react";

export const DONE_SHORTCUT_HINT = "Ctrl/⌘+Shift+Enter";

/**
 * A document's Done checkbox: posts `intent=set-done` to the page's own action without a
 * navigation, showing the new state at once. With `shortcut`, Ctrl/⌘+Shift+Enter toggles it
 * anywhere on the page (the editor's page).
 */
export function DoneToggle({
  documentId,
  done,
  disabled = false,
  shortcut = false,
  label,
}: {
  documentId: string;
  done: boolean;
  disabled?: boolean;
  shortcut?: boolean;
  /** The accessible name when the visible text is only "Done" (a row of a list). */
  label?: string;
}) {
  const fetcher = useFetcher<{ ok: boolean; formError?: string }>();
  const shown = fetcher.formData ? fetcher.formData.get("done") === "true" : done;
  const submit = useCallback(
    (next: boolean) => fetcher.submit({ intent: "set-done", documentId, done: String(next) }, { method: "post" }),
    [fetcher, documentId],
  );
  useEffect(() => {
    if (!shortcut || disabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && e.shiftKey && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit(!shown);
      }
    };
    // Capture: the editor must not take the keystroke first.
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [shortcut, disabled, shown, submit]);
  const failed = fetcher.state === "idle" && fetcher.data && fetcher.data.ok === false ? fetcher.data.formError : undefined;
  return (
    <span className="done-toggle">
      <label title={shortcut ? `Mark fully coded (${DONE_SHORTCUT_HINT})` : "Mark fully coded"}>
        <input
          type="checkbox"
          checked={shown}
          disabled={disabled}
          aria-label={label}
          aria-keyshortcuts={shortcut ? "Control+Shift+Enter Meta+Shift+Enter" : undefined}
          data-testid="done-toggle"
          onChange={(e) => submit(e.target.checked)}
        />{" "}
        Done
        {shortcut ? <kbd className="meta"> {DONE_SHORTCUT_HINT}</kbd> : null}
      </label>
      {failed ? (
        <span className="field-error" role="alert">
          {failed}
        </span>
      ) : null}
    </span>
  );
}
