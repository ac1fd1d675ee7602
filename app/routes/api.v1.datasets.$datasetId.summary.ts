import { requireDatasetAccess } from "~/lib/auth/dataset-guard.server";
import { getSummary } from "~/lib/datasets/summary.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /** Per-column counts, ranges, averages, histograms and top values (computed once, then kept). */
  async GET({ params, context }) {
    const { dataset } = await requireDatasetAccess(context, params.datasetId!, "documents:read");
    return json({ columns: await getSummary(context.services, dataset) });
  },
});

export const loader = handler;
export const action = handler;
