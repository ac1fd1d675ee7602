import { findDataset } from "../datasets/datasets.server";
import type { RequestContext } from "../services.server";
import { requireAccessVia, requireAuth } from "./guards.server";
import type { ProjectAction } from "./permissions";

/** For routes addressed by a dataset id; returns the catalogue row so callers need not read it again. */
export async function requireDatasetAccess(ctx: RequestContext, datasetId: string, action: ProjectAction) {
  requireAuth(ctx);
  const dataset = await findDataset(ctx.services, datasetId);
  const access = await requireAccessVia(ctx, dataset?.projectId, "Dataset", action);
  return { ...access, dataset: dataset! };
}
