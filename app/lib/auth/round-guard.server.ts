import { eq } from "drizzle-orm";
import { codingRounds } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a coding round's id: another project's round is "not found". */
export async function requireRoundAccess(ctx: RequestContext, roundId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db
    .select({ projectId: codingRounds.projectId })
    .from(codingRounds)
    .where(eq(codingRounds.id, roundId));
  return requireAccessVia(ctx, row?.projectId, "Round", action);
}
