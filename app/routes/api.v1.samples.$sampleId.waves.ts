import { requireSampleAccess } from "~/lib/auth/sample-guard.server";
import { findDataset } from "~/lib/datasets/datasets.server";
import { notFound } from "~/lib/http/errors.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { extendSampleSchema } from "~/lib/samples/schemas";
import { extendSample } from "~/lib/samples/service.server";

const handler = apiRoute({
  /** Grows the sample to a new total size: a new wave, each stratum taking its next rows. */
  async POST({ request, params, context }) {
    const { sample, auth } = await requireSampleAccess(context, params.sampleId!, "samples:edit");
    const { size } = await readJson(request, extendSampleSchema, context.services.config.maxBodyBytes);
    const dataset = await findDataset(context.services, sample.datasetId);
    if (!dataset) throw notFound("Dataset not found.");
    return json(await extendSample(context.services, dataset, sample, auth.user.id, size), 201);
  },
});

export const loader = handler;
export const action = handler;
