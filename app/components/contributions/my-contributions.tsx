import type { FormField, SubmissionStatus } from "../../../db/kinds";
import { AnswersList } from "./answers-list";
import { ContributionStatus } from "./contribution-status";
import { ConfirmDialog } from "../confirm-dialog";
import { LocalTime } from "../documents/local-time";

export interface MyContribution {
  id: string;
  status: SubmissionStatus;
  submittedAt: string | Date;
  decidedAt: string | Date | null;
  values?: Record<string, string | number | string[] | { lat: number; lng: number } | null>;
  rejectReason?: string;
  form: { title: string; projectName: string; fields: Pick<FormField, "name" | "label" | "type">[] };
}

/**
 * A signed-in contributor's own submissions, each with where it stands and a withdraw button
 * (posting `intent=withdraw` and the submission's id to the page it is on).
 */
export function MyContributions({ items, showProject }: { items: MyContribution[]; showProject: boolean }) {
  return (
    <ul className="my-contributions">
      {items.map((c) => (
        <li key={c.id} className="card" data-testid="my-contribution">
          <h3>{c.form.title}</h3>
          <p className="meta">
            {showProject ? <span>{c.form.projectName} ·</span> : null} sent <LocalTime value={c.submittedAt} />
          </p>
          <ContributionStatus status={c.status} decidedAt={c.decidedAt} rejectReason={c.rejectReason} />
          {c.values ? (
            <details>
              <summary>What you gave</summary>
              <AnswersList fields={c.form.fields} values={c.values} />
            </details>
          ) : null}
          {c.status !== "withdrawn" ? (
            <ConfirmDialog
              trigger={
                <>
                  Withdraw<span className="visually-hidden"> “{c.form.title}”</span>
                </>
              }
              title="Withdraw this contribution?"
              confirmLabel="Withdraw and delete"
              fields={{ intent: "withdraw", submissionId: c.id }}
            >
              <p>It is deleted from the project at once, with every highlight, note and count made from it. This cannot be undone.</p>
            </ConfirmDialog>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
