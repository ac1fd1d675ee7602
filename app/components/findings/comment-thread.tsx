import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FormError, TextAreaField } from "~/components/forms";
import { LocalTime } from "~/components/documents/local-time";
import { COMMENT_MAX } from "~/lib/findings/finding-input";
import type { Comment, Thread } from "~/lib/findings/types";
import { BusyButton, TargetField, useFormOutcome, useOnSuccess } from "./form-outcome";

/** One comment: plain text, kept as typed (line breaks included), never HTML. */
function CommentBody({ comment }: { comment: Comment }) {
  return (
    <div className="fd-comment" data-testid="comment">
      <p className="fd-comment__meta">
        <strong>{comment.author?.name ?? "A former member"}</strong> <LocalTime value={comment.createdAt} />
        <span className="fd-comment__version"> · on version {comment.version}</span>
      </p>
      <p className="fd-comment__body">{comment.body}</p>
    </div>
  );
}

/**
 * A form for a new comment: on the finding, on one piece of evidence, or a reply in a thread.
 * `target` names it so its error or success comes back to it alone.
 */
export function CommentForm({
  target,
  evidenceId,
  parentId,
  label,
  submitText,
  onDone,
  focusOnOpen = false,
}: {
  target: string;
  evidenceId?: string;
  parentId?: string;
  label: string;
  submitText: string;
  onDone?: () => void;
  /** Opened by a Comment or Reply button: the cursor goes straight into the box. */
  focusOnOpen?: boolean;
}) {
  const { busy, failure, success } = useFormOutcome(target);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusOnOpen) ref.current?.querySelector("textarea")?.focus();
  }, [focusOnOpen]);
  useOnSuccess(success, () => {
    ref.current?.reset();
    onDone?.();
  });
  return (
    <Form method="post" className="form fd-comment-form" ref={ref} data-testid="comment-form">
      <TargetField target={target} />
      <input type="hidden" name="intent" value="comment" />
      {evidenceId ? <input type="hidden" name="evidenceId" value={evidenceId} /> : null}
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <FormError state={failure} />
      <TextAreaField label={label} name="body" rows={3} maxLength={COMMENT_MAX} required state={failure} data-testid="comment-body" />
      <div className="button-row">
        <BusyButton busy={busy} pendingText="Posting…" className="btn btn--small" testId="comment-submit">
          {submitText}
        </BusyButton>
        {onDone ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </Form>
  );
}

function ThreadItem({ thread }: { thread: Thread }) {
  const target = `reply:${thread.id}`;
  const { failure } = useFormOutcome(target);
  const [replying, setReplying] = useState(false);
  const open = replying || failure !== undefined;
  return (
    <li className="fd-thread" data-testid="comment-thread">
      <CommentBody comment={thread} />
      {thread.replies.length > 0 ? (
        <ol className="fd-thread__replies" aria-label="Replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <CommentBody comment={r} />
            </li>
          ))}
        </ol>
      ) : null}
      {open ? (
        <CommentForm target={target} parentId={thread.id} label="Your reply" submitText="Post reply" onDone={() => setReplying(false)} focusOnOpen />
      ) : (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setReplying(true)} data-testid="reply-button">
          Reply
        </button>
      )}
    </li>
  );
}

/** Threads, oldest first, each with its replies and a Reply button. */
export function CommentThreads({ threads, label }: { threads: Thread[]; label: string }) {
  if (threads.length === 0) return null;
  return (
    <ol className="fd-threads" aria-label={label}>
      {threads.map((t) => (
        <ThreadItem key={t.id} thread={t} />
      ))}
    </ol>
  );
}
