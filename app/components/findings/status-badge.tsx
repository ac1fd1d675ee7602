import { findingStatusLabels, type FindingStatus } from "../../../db/finding-kinds";

/** A finding's place in review, in words and colour (the words alone carry the meaning). */
export function StatusBadge({ status }: { status: FindingStatus }) {
  return (
    <span className={`fd-status fd-status--${status}`} data-testid="finding-status">
      {findingStatusLabels[status]}
    </span>
  );
}
