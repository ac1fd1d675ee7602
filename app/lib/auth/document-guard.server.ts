import { eq } from "drizzle-orm";
import { codes, documents } from "../../../db/schema";
import { notFound } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import { requireAuth, requireProjectAccess } from "./guards.server";
import type { ProjectAction } from "./permissions";

/**
 * For routes addressed by a document or code id: finds its project, then applies the same
 * project check as everywhere else (a document of a project you are not in is a 404).
 */
export async function requireDocumentAccess(ctx: RequestContext, documentId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [doc] = await ctx.services.db
    .select({ projectId: documents.projectId })
    .from(documents)
    .where(eq(documents.id, documentId));
  if (!doc) throw notFound("Document not found.");
  const access = await requireProjectAccess(ctx, doc.projectId, action).catch((err) => {
    throw err?.status === 404 ? notFound("Document not found.") : err;
  });
  return { ...access, projectId: doc.projectId };
}

export async function requireCodeAccess(ctx: RequestContext, codeId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [code] = await ctx.services.db.select({ projectId: codes.projectId }).from(codes).where(eq(codes.id, codeId));
  if (!code) throw notFound("Code not found.");
  const access = await requireProjectAccess(ctx, code.projectId, action).catch((err) => {
    throw err?.status === 404 ? notFound("Code not found.") : err;
  });
  return { ...access, projectId: code.projectId };
}
