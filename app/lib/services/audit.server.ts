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
  | "document.redacted";

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
