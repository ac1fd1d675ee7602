import type { SubmissionStatus } from "../../../db/kinds";
import { LocalTime } from "../documents/local-time";

/** For the research team's inbox. */
export const inboxStatusLabels: Record<SubmissionStatus, string> = {
  pending: "Waiting",
  accepted: "Accepted",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

/** For the contributor. */
export const statusLabels: Record<SubmissionStatus, string> = {
  pending: "Waiting for review",
  accepted: "Accepted",
  rejected: "Not used",
  withdrawn: "Withdrawn",
};

/** Where a contribution stands, told to the person who gave it. */
export function ContributionStatus({
  status,
  decidedAt,
  rejectReason,
}: {
  status: SubmissionStatus;
  decidedAt: string | Date | null;
  rejectReason?: string;
}) {
  return (
    <div className={`contribution-status contribution-status--${status}`}>
      <p className="contribution-status__label">
        <span className={`status-pill status-pill--${status}`}>{statusLabels[status]}</span>
        {decidedAt && status !== "pending" ? (
          <span className="meta">
            <LocalTime value={decidedAt} />
          </span>
        ) : null}
      </p>
      <p>
        {status === "pending"
          ? "The research team has not looked at it yet. You can still withdraw it at any time."
          : status === "accepted"
            ? "The research team is using it. You can still withdraw it: it is then deleted from the project, with everything made from it."
            : status === "rejected"
              ? "The research team decided not to use it. You can withdraw it to have it deleted."
              : "You withdrew it. It has been deleted from the project with everything made from it; only this note remains."}
      </p>
      {rejectReason ? (
        <blockquote className="contribution-status__reason">
          <span className="meta">Their reason:</span> {rejectReason}
        </blockquote>
      ) : null}
    </div>
  );
}
