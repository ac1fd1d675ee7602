import type { Database } from "../../../db/client";
import { auditEvents } from "../../../db/schema";

export type AuditAction =
  | "project.created"
  | "project.updated"
  | "member.added"
  | "member.role_changed"
  | "member.removed"
  | "member.left";

export async function recordAudit(
  db: Database,
  event: {
    projectId: string;
    actorId: string;
    action: AuditAction;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvents).values({ ...event, detail: event.detail ?? {} });
}
