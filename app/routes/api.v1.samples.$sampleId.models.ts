import { requireSampleAccess } from "~/lib/auth/sample-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { listSampleModels, startModelJob, trainModelSchema } from "~/lib/models/models.server";

const handler = apiRoute({
  async GET({ params, context }) {
    const { sample } = await requireSampleAccess(context, params.sampleId!, "jobs:read");
    return json({ models: await listSampleModels(context.services, sample.id) });
  },
  /** 202 `{jobId}`: the job trains, cross-validates and scores every row; 422 with too few examples. */
  async POST({ request, params, context }) {
    const { sample, auth } = await requireSampleAccess(context, params.sampleId!, "models:train");
    const { codeId } = await readJson(request, trainModelSchema, context.services.config.maxBodyBytes);
    const jobId = await startModelJob(context.services, sample, codeId, auth.user.id);
    return json({ jobId }, 202);
  },
});

export const loader = handler;
export const action = handler;
