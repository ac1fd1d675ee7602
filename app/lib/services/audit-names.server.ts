/**
 * The audit log's details hold ids (a member's user id, a redacted document, the findings of
 * an export): this looks up today's names for one page of events, so the sentences can say
 * "added Rita". Only this project's documents and findings are looked up.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { documents, findings, users } from "../../../db/schema";
import { idsToName, type AuditEventLike, type AuditNames } from "./audit-describe";

export async function auditNames(db: Database, projectId: string, events: AuditEventLike[]): Promise<AuditNames> {
  const wanted = idsToName(events);
  const [people, docs, found] = await Promise.all([
    wanted.users.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted.users)) : [],
    wanted.documents.length
      ? db
          .select({ id: documents.id, name: documents.title })
          .from(documents)
          .where(and(eq(documents.projectId, projectId), inArray(documents.id, wanted.documents)))
      : [],
    wanted.findings.length
      ? db
          .select({ id: findings.id, name: findings.title })
          .from(findings)
          .where(and(eq(findings.projectId, projectId), inArray(findings.id, wanted.findings)))
      : [],
  ]);
  return Object.fromEntries([...people, ...docs, ...found].map((r) => [r.id, r.name]));
}
