import { requireProjectAccess } from "~/lib/auth/guards.server";
import { previewSegmentSchema } from "~/lib/datasets/segment-input";
import { previewSegment } from "~/lib/datasets/segments.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

/** The filter builder's live numbers: size and means inside vs outside, nothing saved. */
const handler = apiRoute({
  async POST({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "segments:edit");
    const input = await readJson(request, previewSegmentSchema, context.services.config.maxBodyBytes);
    return json(await previewSegment(context.services, params.projectId!, input.datasetId, input.filter));
  },
});

export const loader = handler;
export const action = handler;
