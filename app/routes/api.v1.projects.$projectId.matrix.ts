import { requireProjectAccess } from "~/lib/auth/guards.server";
import { parseSubcodes } from "~/lib/datasets/code-scope.server";
import { buildMatrix } from "~/lib/datasets/matrix.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /**
   * API.md: `{codes, segments, cells:[{codeId, segmentId, codings, documents, cases}]}`; empty
   * cells are left out. `?subcodes=true` also counts each coding in its code's ancestors.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const subcodes = parseSubcodes(new URL(request.url).searchParams.get("subcodes"), false);
    return json(await buildMatrix(context.services, params.projectId!, { subcodes }));
  },
});

export const loader = handler;
export const action = handler;
