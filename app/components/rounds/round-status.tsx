import type { RoundStatus } from "../../../db/schema-rounds";

const labels: Record<RoundStatus, string> = { open: "Open: coding independently", revealed: "Revealed" };

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  return <span className={`badge rd-status rd-status--${status}`}>{labels[status]}</span>;
}
