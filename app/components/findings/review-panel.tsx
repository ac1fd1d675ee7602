import { Form } from "@remix-run/react";
import { useId } from "react";
import { FormError, TextAreaField } from "~/components/forms";
import { LocalTime } from "~/components/documents/local-time";
import { NOTE_MAX } from "~/lib/findings/finding-input";
import type { Person, Transition } from "~/lib/findings/types";
import { findingStatusLabels, type FindingStatus } from "../../../db/finding-kinds";
import { BusyButton, TargetField, useFormOutcome } from "./form-outcome";
import { StatusBadge } from "./status-badge";

export interface ReviewerChoice extends Person {
  role: string;
}

function RequestReview({ reviewers, userId }: { reviewers: ReviewerChoice[]; userId: string }) {
  const id = useId();
  const { busy, failure } = useFormOutcome("request-review");
  return (
    <Form method="post" className="form fd-review__request" data-testid="request-review-form">
      <TargetField target="request-review" />
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="to" value="in_review" />
      <FormError state={failure} summarize />
      {reviewers.length > 0 ? (
        <fieldset>
          <input type="hidden" name="reviewersShown" value="1" />
          <legend>Who should review it?</legend>
          {reviewers.map((r) => (
            <div key={r.id} className="fd-check">
              <input
                id={`${id}-${r.id}`}
                type="checkbox"
                name="reviewerIds"
                value={r.id}
                defaultChecked={r.role === "reviewer" && r.id !== userId}
                data-testid="reviewer-checkbox"
              />
              <label htmlFor={`${id}-${r.id}`}>
                {r.name} <span className="fd-muted">({r.role})</span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : (
        <p className="hint">Nobody in this project can review yet: invite a member with the reviewer role.</p>
      )}
      <div>
        <BusyButton busy={busy} pendingText="Asking…" testId="request-review-button">
          Request review
        </BusyButton>
      </div>
    </Form>
  );
}

function Withdraw() {
  const { busy, failure } = useFormOutcome("withdraw");
  return (
    <Form method="post" className="fd-review__withdraw">
      <TargetField target="withdraw" />
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="to" value="draft" />
      <FormError state={failure} summarize />
      <BusyButton busy={busy} pendingText="Withdrawing…" className="btn btn--secondary" testId="withdraw-button">
        Withdraw from review
      </BusyButton>
    </Form>
  );
}

/** Accept or request changes, in one form: the note is required only to request changes. */
function Decide({ accept, requestChanges }: { accept: boolean; requestChanges: boolean }) {
  const { busy, failure, sending } = useFormOutcome("decision");
  return (
    <Form method="post" className="form fd-review__decide" data-testid="decision-form">
      <TargetField target="decision" />
      <input type="hidden" name="intent" value="transition" />
      <FormError state={failure} />
      <TextAreaField
        label={requestChanges ? "Note for the author (required to request changes)" : "Note (optional)"}
        name="note"
        rows={3}
        maxLength={NOTE_MAX}
        state={failure}
        data-testid="decision-note"
      />
      <div className="button-row">
        {accept ? (
          <BusyButton busy={busy && sending("to") === "accepted"} pendingText="Accepting…" name="to" value="accepted" testId="accept-button">
            Accept
          </BusyButton>
        ) : null}
        {requestChanges ? (
          <BusyButton busy={busy && sending("to") === "changes_requested"} pendingText="Sending…" name="to" value="changes_requested" className="btn btn--secondary" testId="request-changes-button">
            Request changes
          </BusyButton>
        ) : null}
      </div>
    </Form>
  );
}

function History({ transitions }: { transitions: Transition[] }) {
  if (transitions.length === 0) return <p className="hint">No review yet.</p>;
  return (
    <ol className="fd-history" data-testid="transition-history">
      {[...transitions].reverse().map((t) => (
        <li key={t.id}>
          <span className="fd-history__what">
            {findingStatusLabels[t.from]} → {findingStatusLabels[t.to]}
          </span>{" "}
          <span className="fd-muted">
            {t.actor?.name ?? "A former member"} · <LocalTime value={t.createdAt} /> · version {t.version}
          </span>
          {t.note ? <p className="fd-history__note">{t.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Where the finding is in review and what can be done next: exactly the moves the server
 * accepts for this person (workflow.ts `availableMoves`), who was asked, and the history.
 */
export function ReviewPanel({
  status,
  moves,
  askedReviewers,
  possibleReviewers,
  transitions,
  userId,
}: {
  status: FindingStatus;
  moves: { to: FindingStatus; verb: string }[];
  askedReviewers: (Person & { requestedAt: string })[];
  possibleReviewers: ReviewerChoice[];
  transitions: Transition[];
  userId: string;
}) {
  const can = (to: FindingStatus) => moves.some((m) => m.to === to);
  return (
    <section className="card fd-review" aria-labelledby="fd-review-heading" data-testid="review-panel">
      <h3 id="fd-review-heading">Review</h3>
      <p>
        Status: <StatusBadge status={status} />
      </p>
      {askedReviewers.length > 0 ? (
        <p className="fd-review__asked" data-testid="asked-reviewers">
          {status === "in_review" ? "Asked to review: " : "Last asked to review: "}
          {askedReviewers.map((r) => r.name).join(", ")}
        </p>
      ) : null}
      {can("in_review") ? <RequestReview reviewers={possibleReviewers} userId={userId} /> : null}
      {can("accepted") || can("changes_requested") ? <Decide accept={can("accepted")} requestChanges={can("changes_requested")} /> : null}
      {can("draft") ? <Withdraw /> : null}
      <h4>History</h4>
      <History transitions={transitions} />
    </section>
  );
}
