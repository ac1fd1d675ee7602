import { eq } from "drizzle-orm";
import { codeSegmentLinks, segments } from "../../../db/schema";
import { notFound } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import { requireAuth, requireProjectAccess } from "./guards.server";
import type { ProjectAction } from "./permissions";

/**
 * For routes addressed by a segment or link id: finds its project, then applies the project
 * check (a segment of a project you are not in is a 404, as if it did not exist).
 */
async function requireOwnedBy(ctx: RequestContext, projectId: string | undefined, what: string, action: ProjectAction) {
  if (!projectId) throw notFound(`${what} not found.`);
  const access = await requireProjectAccess(ctx, projectId, action).catch((err) => {
    throw err?.status === 404 ? notFound(`${what} not found.`) : err;
  });
  return { ...access, projectId };
}

export async function requireSegmentAccess(ctx: RequestContext, segmentId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db.select({ projectId: segments.projectId }).from(segments).where(eq(segments.id, segmentId));
  return requireOwnedBy(ctx, row?.projectId, "Segment", action);
}

export async function requireLinkAccess(ctx: RequestContext, linkId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [row] = await ctx.services.db
    .select({ projectId: codeSegmentLinks.projectId })
    .from(codeSegmentLinks)
    .where(eq(codeSegmentLinks.id, linkId));
  return requireOwnedBy(ctx, row?.projectId, "Link", action);
}
