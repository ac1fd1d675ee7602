import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ConfirmDialog } from "../confirm-dialog";
import { LocalTime } from "../documents/local-time";
import { FormError, SubmitButton, TextAreaField, type FormState } from "../forms";
import { memoAuthorLabel, type MemoAuthorFields } from "~/lib/refi/memo-author";

export interface MemoItem extends MemoAuthorFields {
  id: string;
  body: string;
  authorId: string | null;
  createdAt: string | Date;
}

/** A code's memos, oldest first, and a form to add one. Authors (and owners) may delete. */
export function CodeMemos({
  code,
  memos,
  userId,
  canWrite,
  canModerate,
  state,
  added,
}: {
  code: { id: string; name: string };
  memos: MemoItem[];
  userId: string;
  canWrite: boolean;
  canModerate: boolean;
  state?: FormState;
  /** This code's memo was just added: clear the form once the page shows it. */
  added: boolean;
}) {
  const form = useRef<HTMLFormElement>(null);
  const idle = useNavigation().state === "idle";
  useEffect(() => {
    if (idle && added) form.current?.reset();
  }, [idle, added]);
  return (
    <div className="code-panel code-memos">
      {memos.length === 0 ? (
        <p className="meta">No memos on this code yet.</p>
      ) : (
        <ol className="memo-list" aria-label={`Memos on “${code.name}”`}>
          {memos.map((m) => (
            <li key={m.id} className="memo">
              <div className="memo__head">
                <strong>{memoAuthorLabel(m)}</strong>
                <span className="meta">
                  <LocalTime value={m.createdAt} />
                </span>
                {m.authorId === userId || canModerate ? (
                  <ConfirmDialog
                    trigger={
                      <>
                        Delete<span className="visually-hidden"> memo by {memoAuthorLabel(m)}</span>
                      </>
                    }
                    triggerClassName="btn btn--ghost btn--small"
                    title="Delete this memo?"
                    confirmLabel="Delete memo"
                    fields={{ intent: "delete-memo", memoId: m.id, codeId: code.id }}
                  >
                    <p className="memo__quote">{m.body.length > 200 ? `${m.body.slice(0, 200)}…` : m.body}</p>
                    <p>It is deleted for everyone.</p>
                  </ConfirmDialog>
                ) : null}
              </div>
              <p className="memo__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <Form method="post" className="form" noValidate ref={form}>
          <input type="hidden" name="codeId" value={code.id} />
          <FormError state={state} />
          <TextAreaField label={`New memo on “${code.name}”`} name="body" rows={3} maxLength={20000} state={state} />
          <div>
            <SubmitButton intent="add-memo" pendingText="Adding…" className="btn btn--small">
              Add memo
            </SubmitButton>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
