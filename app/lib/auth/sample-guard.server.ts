import { eq } from "drizzle-orm";
import { samples } from "../../../db/schema";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a sample id; returns the sample's row so callers need not read it again. */
export async function requireSampleAccess(ctx: RequestContext, sampleId: string, action: ProjectAction) {
  requireAuth(ctx);
  const [sample] = await ctx.services.db.select().from(samples).where(eq(samples.id, sampleId)).limit(1);
  const access = await requireAccessVia(ctx, sample?.projectId, "Sample", action);
  return { ...access, sample: sample! };
}
