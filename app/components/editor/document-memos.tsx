import { Form } from "@remix-run/react";
import { failureFor, FormError, SubmitButton, TextAreaField, type FormState } from "~/components/forms";
import { useResetOnSuccess } from "~/components/use-form-reset";
import { memoAuthorLabel, type MemoAuthorFields } from "~/lib/refi/memo-author";
import { formatWhen } from "./format";

export interface MemoView extends MemoAuthorFields {
  id: string;
  body: string;
  authorId: string | null;
  createdAt: string | Date;
}

interface DocumentMemosProps {
  memos: MemoView[];
  currentUserId: string;
  canWrite: boolean;
  isOwner: boolean;
  result?: FormState & { ok?: boolean; intent?: string };
}

/** Notes about the whole document; authors (and owners) can delete them. */
export function DocumentMemos({ memos, currentUserId, canWrite, isOwner, result }: DocumentMemosProps) {
  const state = failureFor(result, "add-memo");
  const formRef = useResetOnSuccess(result, "add-memo");
  return (
    <section className="card thk-side-card" aria-labelledby="memos-heading">
      <h2 id="memos-heading">Document memos ({memos.length})</h2>
      {memos.length === 0 ? <p className="meta">No memos yet.</p> : null}
      <ul className="thk-memos">
        {memos.map((memo) => (
          <li key={memo.id} className="thk-memo">
            <p className="thk-memo__body">{memo.body}</p>
            <div className="thk-memo__meta">
              <span>
                {memoAuthorLabel(memo)} · {formatWhen(memo.createdAt)}
              </span>
              {memo.authorId === currentUserId || isOwner ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="memoId" value={memo.id} />
                  <button type="submit" name="intent" value="delete-memo" className="btn btn--ghost btn--small">
                    Delete
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {failureFor(result, "delete-memo") ? <FormError state={failureFor(result, "delete-memo")} /> : null}
      {canWrite ? (
        <Form method="post" className="form" noValidate ref={formRef}>
          <FormError state={state} />
          <TextAreaField label="New memo" name="body" rows={3} placeholder="What stands out in this document…" state={state} />
          <SubmitButton intent="add-memo" pendingText="Adding…" className="btn btn--secondary btn--small">
            Add memo
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
