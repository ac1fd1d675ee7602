/**
 * The review workflow: which status can follow which, and who may move it. Pure, so the page
 * shows exactly the buttons the server will accept.
 *
 *   draft ──request review──▶ in_review ──accept──▶ accepted
 *     ▲  ◀──────withdraw───────┘   │                    │
 *     │                            └─request changes─▶ changes_requested ──request review──▶ in_review
 *     └──────────── editing an accepted finding starts its next version as a draft ◀┘
 */
import type { FindingStatus } from "../../../db/finding-kinds";
import type { ProjectAction } from "../auth/permissions";

interface Move {
  from: readonly FindingStatus[];
  action: ProjectAction;
  /** The button's words. */
  verb: string;
}

export const moves: Partial<Record<FindingStatus, Move>> = {
  in_review: { from: ["draft", "changes_requested"], action: "findings:edit", verb: "Request review" },
  draft: { from: ["in_review"], action: "findings:edit", verb: "Withdraw from review" },
  accepted: { from: ["in_review"], action: "findings:review", verb: "Accept" },
  changes_requested: { from: ["in_review"], action: "findings:review", verb: "Request changes" },
};

export function moveTo(from: FindingStatus, to: FindingStatus): Move | null {
  const move = moves[to];
  return move && move.from.includes(from) ? move : null;
}

/** Evidence and text can change except while reviewers are looking at it. */
export const editable = (status: FindingStatus) => status !== "in_review";

/** The moves open from `status` for someone who may do `allowed` actions. */
export function availableMoves(status: FindingStatus, allowed: (action: ProjectAction) => boolean) {
  return (Object.keys(moves) as FindingStatus[])
    .map((to) => ({ to, move: moveTo(status, to) }))
    .filter((m): m is { to: FindingStatus; move: Move } => m.move !== null && allowed(m.move.action))
    .map(({ to, move }) => ({ to, verb: move.verb }));
}
