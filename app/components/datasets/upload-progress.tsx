import { formatMegabytes, plural } from "./format";

export type UploadStage =
  | { stage: "sending"; loaded: number; total: number }
  | { stage: "finishing" }
  /** Imported; the dataset page is loading. */
  | { stage: "done"; rows: number };

/**
 * A real progress bar while the file is sent (from the upload's own byte counts), then an
 * indeterminate one while the server builds the table and its index.
 */
export function UploadProgress({ progress, onCancel }: { progress: UploadStage; onCancel(): void }) {
  const sending = progress.stage === "sending";
  const percent =
    sending && progress.total > 0 ? Math.min(100, Math.floor((progress.loaded / progress.total) * 100)) : 100;
  const label =
    progress.stage === "sending"
      ? `${percent}% · ${formatMegabytes(progress.loaded)} of ${formatMegabytes(progress.total)}`
      : progress.stage === "finishing"
      ? "Finishing — building the index…"
      : `Imported ${plural(progress.rows, "row")}. Opening the dataset…`;
  return (
    <div className="upload-progress" data-testid="upload-progress">
      {sending ? (
        <progress max={100} value={percent} aria-label="Upload progress" aria-valuetext={label} />
      ) : progress.stage === "done" ? (
        <progress max={100} value={100} aria-label="Imported" />
      ) : (
        <progress aria-label="Building the dataset" />
      )}
      <div className="upload-progress__row">
        <span role="status" aria-live="polite">
          {label}
        </span>
        {/* Once every byte is sent the server is committing: stopping the request then would
            leave the person unsure whether the dataset exists. */}
        {sending ? (
          <button type="button" className="btn btn--secondary btn--small" onClick={onCancel}>
            Cancel import
          </button>
        ) : null}
      </div>
    </div>
  );
}
