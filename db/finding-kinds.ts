/** Finding statuses and evidence kinds. Free of server imports: the browser uses them too. */
export const findingStatuses = ["draft", "in_review", "changes_requested", "accepted"] as const;
export type FindingStatus = (typeof findingStatuses)[number];

export const findingStatusLabels: Record<FindingStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  accepted: "Accepted",
};

export const evidenceKinds = ["segment", "code", "excerpt"] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** Why an excerpt's saved quote was cleared: its document was redacted, or withdrawn by its contributor. */
export const scrubReasons = ["redacted", "withdrawn"] as const;
export type ScrubReason = (typeof scrubReasons)[number];

export const notificationKinds = ["review_requested", "comment", "decision"] as const;
export type NotificationKind = (typeof notificationKinds)[number];
