import { requireProjectAccess } from "~/lib/auth/guards.server";
import { parseSubcodes } from "~/lib/datasets/code-scope.server";
import { cellExcerpts } from "~/lib/datasets/matrix.server";
import { excerptQuerySchema } from "~/lib/datasets/segment-input";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /** `?codeId&segmentId[&offset&limit]`: the coded passages behind one matrix cell. */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const query = excerptQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const { codeId, segmentId, offset, limit } = query.data;
    const subcodes = parseSubcodes(new URL(request.url).searchParams.get("subcodes"), false);
    const page = await cellExcerpts(context.services, params.projectId!, codeId, segmentId, { offset, limit, subcodes });
    return json({ ...page, offset, limit });
  },
});

export const loader = handler;
export const action = handler;
