import { requireDatasetAccess } from "~/lib/auth/dataset-guard.server";
import { datasetInfo, deleteDataset } from "~/lib/datasets/datasets.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";

const handler = apiRoute({
  async GET({ params, context }) {
    const { dataset } = await requireDatasetAccess(context, params.datasetId!, "documents:read");
    return json(datasetInfo(dataset));
  },
  /** Drops the table with the catalogue row; segments on it go too. */
  async DELETE({ params, context }) {
    const { dataset } = await requireDatasetAccess(context, params.datasetId!, "datasets:edit");
    await deleteDataset(context.services, dataset);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
