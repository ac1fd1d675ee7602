import { useId, useState } from "react";
import { formatBytes, importAccept, tooLargeMessage } from "~/lib/import/formats";
import type { FormState } from "../forms";

/**
 * Where the text comes from: pasted into the textarea, or a file (.txt, .md, .docx, .vtt,
 * .srt). A file over the limit is caught in the browser before it is sent; the server checks
 * again. A chosen file cannot be kept after a failed submission, so the form says which to pick.
 */
export function TextSource({
  state,
  uploadLimit,
  onFileProblem,
}: {
  state?: FormState;
  uploadLimit: number;
  onFileProblem: (problem: string | null) => void;
}) {
  const id = useId();
  const [clientError, setClientError] = useState<string | null>(null);
  const textError = state?.fieldErrors?.text;
  const fileError = clientError ?? state?.fieldErrors?.file;
  const lostFile = state?.values?.fileName;
  return (
    <fieldset className="text-source">
      <legend>Text</legend>
      <div className="field">
        <label htmlFor={`${id}-text`}>Paste the text</label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={12}
          defaultValue={state?.values?.text ?? ""}
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? `${id}-text-error` : undefined}
        />
        {textError ? (
          <span id={`${id}-text-error`} className="field-error" role="alert">
            {textError}
          </span>
        ) : null}
      </div>
      <p className="text-source__or" aria-hidden="true">
        or
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>Upload a file</label>
        <input
          id={`${id}-file`}
          type="file"
          name="file"
          accept={importAccept}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={[`${id}-file-hint`, fileError && `${id}-file-error`].filter(Boolean).join(" ")}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            const problem = file && file.size > uploadLimit ? tooLargeMessage(file.name, uploadLimit) : null;
            setClientError(problem);
            onFileProblem(problem);
          }}
        />
        <span id={`${id}-file-hint`} className="hint">
          Word (.docx), plain text (.txt), Markdown (.md) or a transcript (.vtt, .srt), up to {formatBytes(uploadLimit)}.
          Transcripts keep each cue&rsquo;s time and speaker, one per line.
          {lostFile && !fileError ? ` Choose “${lostFile}” again: browsers forget a file after a form comes back.` : ""}
        </span>
        {fileError ? (
          <span id={`${id}-file-error`} className="field-error" role="alert">
            {fileError}
          </span>
        ) : null}
      </div>
      <p className="hint">Leave both empty to start with a blank document and write in the editor.</p>
    </fieldset>
  );
}
