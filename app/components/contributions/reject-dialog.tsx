import type { FetcherWithComponents } from "@remix-run/react";
import { useId, useRef } from "react";
import { MAX_REJECT_REASON_CHARS } from "~/lib/contributions/review-input";

/** Rejecting asks why, in words the contributor will read on their receipt. */
export function RejectDialog<T>({
  submissionId,
  title,
  fetcher,
}: {
  submissionId: string;
  title: string;
  fetcher: FetcherWithComponents<T>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button type="button" className="btn btn--secondary btn--small btn--quiet-danger" onClick={() => ref.current?.showModal()}>
        Reject…
      </button>
      <dialog ref={ref} aria-label={`Reject “${title}”`}>
        <h2>Reject this contribution?</h2>
        <fetcher.Form method="post" onSubmit={() => ref.current?.close()}>
          <input type="hidden" name="intent" value="reject" />
          <input type="hidden" name="submissionId" value={submissionId} />
          <div className="field">
            <label htmlFor={`${id}-reason`}>Reason, shown to the contributor on their receipt</label>
            <textarea
              id={`${id}-reason`}
              name="reason"
              required
              maxLength={MAX_REJECT_REASON_CHARS}
              placeholder="For example: it is about another service, so it does not fit this study."
            />
          </div>
          <p className="meta">It stays in the inbox under Rejected and no longer counts in the matrix. You can accept it later.</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn--secondary" onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn btn--danger">
              Reject
            </button>
          </div>
        </fetcher.Form>
      </dialog>
    </>
  );
}
