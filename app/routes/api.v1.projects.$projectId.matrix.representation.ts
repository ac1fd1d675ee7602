import { requireProjectAccess } from "~/lib/auth/guards.server";
import { parseSubcodes } from "~/lib/datasets/code-scope.server";
import { representation } from "~/lib/datasets/representation.server";
import { cellQuerySchema } from "~/lib/datasets/segment-input";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /** `?codeId&segmentId`: is the code over- or under-represented among the segment's cases? */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const query = cellQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const subcodes = parseSubcodes(new URL(request.url).searchParams.get("subcodes"), false);
    const { codeId, segmentId } = query.data;
    return json(await representation(context.services, params.projectId!, codeId, segmentId, { subcodes }));
  },
});

export const loader = handler;
export const action = handler;
