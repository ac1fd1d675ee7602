import type { DatasetRow } from "../../../db/schema";
import { findDataset } from "../datasets/datasets.server";
import { notFound } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import { requireAuth, requireProjectAccess } from "./guards.server";
import type { ProjectAction } from "./permissions";

/**
 * For routes addressed by a dataset id: finds its project, then the usual project check. A
 * dataset of a project you are not in is a 404, exactly like one that does not exist.
 */
export async function requireDatasetAccess(ctx: RequestContext, datasetId: string, action: ProjectAction) {
  requireAuth(ctx);
  const dataset: DatasetRow | null = await findDataset(ctx.services, datasetId);
  if (!dataset) throw notFound("Dataset not found.");
  const access = await requireProjectAccess(ctx, dataset.projectId, action).catch((err) => {
    throw err?.status === 404 ? notFound("Dataset not found.") : err;
  });
  return { ...access, projectId: dataset.projectId, dataset };
}
