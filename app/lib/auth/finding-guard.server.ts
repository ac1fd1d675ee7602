import { eq } from "drizzle-orm";
import { findings } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a finding id: another project's finding is "not found". */
export async function requireFindingAccess(ctx: RequestContext, findingId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db.select({ projectId: findings.projectId }).from(findings).where(eq(findings.id, findingId));
  return requireAccessVia(ctx, row?.projectId, "Finding", action);
}
