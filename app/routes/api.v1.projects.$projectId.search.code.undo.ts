import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { undoCodeHits } from "~/lib/search/code-hits.server";
import { undoCodeHitsSchema } from "~/lib/search/search-query";

const handler = apiRoute({
  /** `{codingIds}` (as "code all hits" answered) → those still present are removed. */
  async POST({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "codings:edit");
    const input = await readJson(request, undoCodeHitsSchema, context.services.config.maxBodyBytes);
    return json(await undoCodeHits(context.services, params.projectId!, input.codingIds));
  },
});

export const loader = handler;
export const action = handler;
