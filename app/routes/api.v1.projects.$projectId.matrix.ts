import { requireProjectAccess } from "~/lib/auth/guards.server";
import { buildMatrix } from "~/lib/datasets/matrix.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /** API.md: `{codes, segments, cells:[{codeId, segmentId, codings, documents, cases}]}`; empty cells are left out. */
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    return json(await buildMatrix(context.services, params.projectId!));
  },
});

export const loader = handler;
export const action = handler;
