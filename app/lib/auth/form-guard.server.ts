import { eq } from "drizzle-orm";
import { intakeForms } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/**
 * For management routes addressed by a form id. The public view of a form has its own rules
 * and does not come through here.
 */
export async function requireFormAccess(ctx: RequestContext, formId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [form] = await ctx.services.db
    .select({ projectId: intakeForms.projectId })
    .from(intakeForms)
    .where(eq(intakeForms.id, formId));
  return requireAccessVia(ctx, form?.projectId, "Form", action);
}
