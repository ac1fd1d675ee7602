import { requireDatasetAccess } from "~/lib/auth/dataset-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { listSamples } from "~/lib/samples/queries.server";
import { drawSampleSchema } from "~/lib/samples/schemas";
import { drawSample } from "~/lib/samples/service.server";

const handler = apiRoute({
  async GET({ params, context }) {
    const { dataset } = await requireDatasetAccess(context, params.datasetId!, "documents:read");
    return json({ samples: await listSamples(context.services, dataset.id) });
  },
  /** Draws the sample and its record documents in one transaction (ADR 0181). */
  async POST({ request, params, context }) {
    const { dataset, auth } = await requireDatasetAccess(context, params.datasetId!, "samples:edit");
    const input = await readJson(request, drawSampleSchema, context.services.config.maxBodyBytes);
    return json(await drawSample(context.services, dataset, auth.user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
