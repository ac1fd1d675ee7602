import { requireSampleAccess } from "~/lib/auth/sample-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { getSample } from "~/lib/samples/queries.server";
import { deleteSample } from "~/lib/samples/service.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireSampleAccess(context, params.sampleId!, "documents:read");
    return json(await getSample(context.services, params.sampleId!));
  },
  /** The sample goes with its record documents and their codings. */
  async DELETE({ params, context }) {
    await requireSampleAccess(context, params.sampleId!, "samples:edit");
    await deleteSample(context.services, params.sampleId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
