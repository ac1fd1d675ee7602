import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { jobs, type JobRow } from "../../../db/schema";
import type { JobView } from "./types";

/** API shape of a job: `{id, kind, status, progress, result?, error?}` plus when and by whom. */
export function jobView(row: JobRow): JobView {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    ...(row.result !== null && row.result !== undefined ? { result: row.result } : {}),
    ...(row.error ? { error: row.error } : {}),
    cancelRequested: row.cancelRequested,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The project's jobs, newest first (at most `limit`). */
export async function listProjectJobs(db: Database, projectId: string, limit = 100): Promise<JobView[]> {
  const rows = await db.select().from(jobs).where(eq(jobs.projectId, projectId)).orderBy(desc(jobs.createdAt)).limit(limit);
  return rows.map(jobView);
}

/**
 * Asks a job to stop. A queued job is cancelled at once; a running one ends `cancelled` at its
 * next checkpoint; a finished one is left as it is.
 */
export async function requestCancel(db: Database, jobId: string): Promise<JobView> {
  const [row] = await db
    .update(jobs)
    .set({
      cancelRequested: sql`${jobs.cancelRequested} or ${jobs.status} in ('queued', 'running')`,
      status: sql`case when ${jobs.status} = 'queued' then 'cancelled' else ${jobs.status} end`,
      finishedAt: sql`case when ${jobs.status} = 'queued' then now() else ${jobs.finishedAt} end`,
    })
    .where(eq(jobs.id, jobId))
    .returning();
  return jobView(row!);
}
