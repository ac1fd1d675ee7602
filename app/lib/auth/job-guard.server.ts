import { eq } from "drizzle-orm";
import { jobs } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a background job's id; returns the job's row. */
export async function requireJobAccess(ctx: RequestContext, jobId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [job] = await ctx.services.db.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
  const access = await requireAccessVia(ctx, job?.projectId, "Job", action);
  return { ...access, job: job! };
}
