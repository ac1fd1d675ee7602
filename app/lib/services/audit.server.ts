import type { Database } from "../../../db/client";
import { auditEvents } from "../../../db/schema";

export type AuditAction =
  | "project.created"
  | "project.updated"
  | "member.added"
  | "member.role_changed"
  | "member.removed"
  | "member.left"
  /** Detail holds the submission and form ids only, never what was withdrawn. */
  | "contribution.withdrawn"
  /** A passage redacted by hand. Detail holds the document and submission ids and the length, never the text. */
  | "document.redacted"
  /** Case keys set from a CSV. Detail: how many documents changed. */
  | "documents.case_keys_set"
  /** Review decisions. Detail: findingId, title, version, and the note. */
  | "finding.accepted"
  | "finding.changes_requested"
  /** A finding with accepted versions deleted. Detail: findingId, title. */
  | "finding.deleted"
  | "finding.published"
  | "finding.unpublished"
  /** Someone printed or saved the findings report from its page. Detail: the findings in it. */
  | "report.exported"
  /** A coding round revealed. Detail: roundId, name, how many codings joined the documents and how many could not be placed. */
  | "round.revealed"
  /** A coding round deleted (an open one's work discarded). Detail: roundId, name, status. */
  | "round.deleted"
  /** The project downloaded as REFI-QDA. Detail: format ("qdpx"), documents and codings counted. */
  | "project.exported";

export async function recordAudit(
  db: Database,
  event: {
    projectId: string;
    /** Null when nobody is logged in, e.g. a withdrawal through an anonymous receipt link. */
    actorId: string | null;
    action: AuditAction;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values({ ...event, detail: event.detail ?? {} });
}
