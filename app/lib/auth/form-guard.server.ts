import { eq } from "drizzle-orm";
import { intakeForms } from "../../../db/schema";
import { notFound } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import { requireAuth, requireProjectAccess } from "./guards.server";
import type { ProjectAction } from "./permissions";

/**
 * For management routes addressed by a form id: finds the form's project, then applies the
 * project check (a form of a project you are not in is a 404, like any other resource).
 * The public view of a form has its own rules and does not come through here.
 */
export async function requireFormAccess(ctx: RequestContext, formId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [form] = await ctx.services.db
    .select({ projectId: intakeForms.projectId })
    .from(intakeForms)
    .where(eq(intakeForms.id, formId));
  if (!form) throw notFound("Form not found.");
  const access = await requireProjectAccess(ctx, form.projectId, action).catch((err) => {
    throw err?.status === 404 ? notFound("Form not found.") : err;
  });
  return { ...access, projectId: form.projectId };
}
