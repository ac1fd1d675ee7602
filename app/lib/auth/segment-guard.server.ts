import { eq } from "drizzle-orm";
import { codeSegmentLinks, segments } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a segment id. */
export async function requireSegmentAccess(ctx: RequestContext, segmentId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db.select({ projectId: segments.projectId }).from(segments).where(eq(segments.id, segmentId));
  return requireAccessVia(ctx, row?.projectId, "Segment", action);
}

/** For routes addressed by a code↔segment link id. */
export async function requireLinkAccess(ctx: RequestContext, linkId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db
    .select({ projectId: codeSegmentLinks.projectId })
    .from(codeSegmentLinks)
    .where(eq(codeSegmentLinks.id, linkId));
  return requireAccessVia(ctx, row?.projectId, "Link", action);
}
