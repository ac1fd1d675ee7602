import { eq } from "drizzle-orm";
import { codes, documents } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a document id (a document of a project you are not in is a 404). */
export async function requireDocumentAccess(ctx: RequestContext, documentId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [doc] = await ctx.services.db
    .select({ projectId: documents.projectId })
    .from(documents)
    .where(eq(documents.id, documentId));
  return requireAccessVia(ctx, doc?.projectId, "Document", action);
}

/** For routes addressed by a code id. */
export async function requireCodeAccess(ctx: RequestContext, codeId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [code] = await ctx.services.db.select({ projectId: codes.projectId }).from(codes).where(eq(codes.id, codeId));
  return requireAccessVia(ctx, code?.projectId, "Code", action);
}
