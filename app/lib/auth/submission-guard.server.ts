import { eq } from "drizzle-orm";
import { submissions } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For inbox routes addressed by a submission id. */
export async function requireSubmissionAccess(ctx: RequestContext, submissionId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db
    .select({ projectId: submissions.projectId })
    .from(submissions)
    .where(eq(submissions.id, submissionId));
  return requireAccessVia(ctx, row?.projectId, "Submission", action);
}
