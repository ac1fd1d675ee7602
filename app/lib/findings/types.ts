/** What the findings API answers and the pages show. Plain JSON, shared with the browser. */
import type { FindingStatus, ScrubReason } from "../../../db/finding-kinds";
import type { SegmentComparison } from "../datasets/types";

export interface Person {
  id: string;
  name: string;
}

/** A user column and its joined name as a Person; null once the account is gone. */
export const personOf = (id: string | null, name: string | null): Person | null => (id ? { id, name: name ?? "" } : null);

export interface SegmentEvidence {
  id: string;
  kind: "segment";
  note: string;
  /** The segment's name when it was chosen. */
  label: string;
  /** Null once the segment is deleted. */
  segment: {
    id: string;
    name: string;
    datasetId: string;
    datasetName: string;
    size: number;
    datasetRows: number;
    description: string;
    comparison: SegmentComparison[];
  } | null;
}

/** How often a code is used: across the project, and inside each segment of the finding. */
export interface CodeCounts {
  codings: number;
  documents: number;
  /** Documents in the analysis (not rejected, not withdrawn), for the share. */
  projectDocuments: number;
  bySegment: { segmentId: string; codings: number; documents: number; cases: number }[];
}

export interface CodeEvidence {
  id: string;
  kind: "code";
  note: string;
  label: string;
  code: { id: string; name: string; color: string; description: string } | null;
  counts: CodeCounts;
}

/**
 * current: the coding is there with the text it had when chosen; changed: the coded text has
 * changed since (both shown); removed: the coding was deleted (the saved quote is shown);
 * redacted / withdrawn: the saved quote was cleared (redacted shows the redacted text if the
 * coding is still there; withdrawn shows nothing).
 */
export type ExcerptState = "current" | "changed" | "removed" | ScrubReason;

export interface ExcerptEvidence {
  id: string;
  kind: "excerpt";
  note: string;
  label: string;
  state: ExcerptState;
  codingId: string;
  documentId: string | null;
  documentTitle: string | null;
  code: { id: string; name: string; color: string } | null;
  /** What readers see: the coding's text now, or the saved quote when the coding is gone. */
  quote: string;
  /** The quote when it was chosen, only when it differs from `quote`. */
  savedQuote: string | null;
  start: number | null;
  end: number | null;
  /** How typical it is: the code's use across the project. */
  codeCounts: { codings: number; documents: number; projectDocuments: number } | null;
}

export type Evidence = SegmentEvidence | CodeEvidence | ExcerptEvidence;

export interface FindingSummary {
  id: string;
  projectId: string;
  title: string;
  status: FindingStatus;
  version: number;
  acceptedVersion: number | null;
  evidenceCount: number;
  createdBy: Person | null;
  createdAt: string;
  updatedAt: string;
}

export interface FindingView extends FindingSummary {
  claim: string;
  evidence: Evidence[];
  reviewers: (Person & { requestedAt: string })[];
  published: boolean;
}

export interface Transition {
  id: string;
  from: FindingStatus;
  to: FindingStatus;
  version: number;
  note: string;
  actor: Person | null;
  createdAt: string;
}

export interface Comment {
  id: string;
  evidenceId: string | null;
  parentId: string | null;
  version: number;
  body: string;
  author: Person | null;
  createdAt: string;
}

/** A thread: its first comment and the replies, oldest first. */
export interface Thread extends Comment {
  replies: Comment[];
}

export interface FindingVersion {
  version: number;
  title: string;
  claim: string;
  evidence: Evidence[];
  acceptedBy: Person | null;
  acceptedAt: string;
}
