import { Form } from "@remix-run/react";
import { useState } from "react";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { FormError, TextAreaField } from "~/components/forms";
import { labelOf } from "~/lib/findings/diff";
import { NOTE_MAX } from "~/lib/findings/finding-input";
import type { Evidence, Thread } from "~/lib/findings/types";
import { CommentForm, CommentThreads } from "./comment-thread";
import { BusyButton, TargetField, useFormOutcome, useOnSuccess } from "./form-outcome";

function NoteForm({ evidence, onDone }: { evidence: Evidence; onDone: () => void }) {
  const target = `note:${evidence.id}`;
  const { busy, failure, success } = useFormOutcome(target);
  useOnSuccess(success, onDone);
  return (
    <Form method="post" className="form fd-note-form">
      <TargetField target={target} />
      <input type="hidden" name="intent" value="update-note" />
      <input type="hidden" name="evidenceId" value={evidence.id} />
      <FormError state={failure} />
      <TextAreaField label="Why this evidence matters" name="note" rows={2} maxLength={NOTE_MAX} defaultValue={evidence.note} state={failure} />
      <div className="button-row">
        <BusyButton busy={busy} pendingText="Saving…" className="btn btn--small">
          Save note
        </BusyButton>
        <button type="button" className="btn btn--ghost btn--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

/**
 * Under each piece of evidence: its comment threads and a Comment button for everyone who
 * reads the finding; for editors of an editable finding, editing its note and removing it.
 */
export function EvidenceTools({ evidence, threads, canChange }: { evidence: Evidence; threads: Thread[]; canChange: boolean }) {
  const commentTarget = `comment:${evidence.id}`;
  const commentOutcome = useFormOutcome(commentTarget);
  const removeOutcome = useFormOutcome(`remove:${evidence.id}`);
  const noteOutcome = useFormOutcome(`note:${evidence.id}`);
  const [commenting, setCommenting] = useState(false);
  const [editingNote, setEditingNote] = useState(false);
  const showComment = commenting || commentOutcome.failure !== undefined;
  const showNote = canChange && (editingNote || noteOutcome.failure !== undefined);
  const mine = threads.filter((t) => t.evidenceId === evidence.id);
  return (
    <div className="fd-evidence__tools">
      <FormError state={removeOutcome.failure} />
      <div className="button-row fd-evidence__buttons">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          aria-expanded={showComment}
          onClick={() => setCommenting((c) => !c)}
          data-testid="evidence-comment-button"
        >
          Comment{mine.length > 0 ? ` (${mine.length})` : ""}
        </button>
        {canChange ? (
          <>
            <button type="button" className="btn btn--ghost btn--small" aria-expanded={showNote} onClick={() => setEditingNote((e) => !e)}>
              {evidence.note ? "Edit note" : "Add a note"}
            </button>
            <ConfirmDialog
              trigger="Remove"
              triggerClassName="btn btn--ghost btn--small btn--quiet-danger"
              title="Remove this evidence?"
              confirmLabel="Remove evidence"
              fields={{ intent: "remove-evidence", evidenceId: evidence.id, target: `remove:${evidence.id}` }}
            >
              <p>{labelOf(evidence)} leaves the finding. Its comments stay with the finding.</p>
            </ConfirmDialog>
          </>
        ) : null}
      </div>
      {showNote ? <NoteForm evidence={evidence} onDone={() => setEditingNote(false)} /> : null}
      <CommentThreads threads={mine} label={`Comments on ${evidence.kind}`} />
      {showComment ? (
        <CommentForm
          target={commentTarget}
          evidenceId={evidence.id}
          label="Comment on this evidence"
          submitText="Post comment"
          onDone={() => setCommenting(false)}
          focusOnOpen
        />
      ) : null}
    </div>
  );
}
