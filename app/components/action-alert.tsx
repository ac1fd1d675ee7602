import { useSettledMessage } from "./use-form-reset";

/** An action's outcome in words: a success once the page shows it, or why it failed. */
export function ActionAlert({ result }: { result?: { ok: boolean; message: string } }) {
  const message = useSettledMessage(result);
  if (!message) return null;
  return (
    <div className={`alert ${result?.ok ? "alert--success" : "alert--error"}`} role={result?.ok ? "status" : "alert"}>
      {message}
    </div>
  );
}
