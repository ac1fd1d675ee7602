import { requireProjectAccess } from "~/lib/auth/guards.server";
import { HttpError } from "~/lib/http/errors.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { codeAllHits } from "~/lib/search/code-hits.server";
import { codeHitsSchema } from "~/lib/search/search-query";
import { isSearchable } from "~/lib/search/search.server";

const handler = apiRoute({
  /** `{q, codeId}` → every hit of the search coded with the code, in one action. */
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "codings:edit");
    const input = await readJson(request, codeHitsSchema, context.services.config.maxBodyBytes);
    if (!isSearchable(input.q)) throw new HttpError(400, "empty_query", "Type a word or phrase to search for.");
    return json(await codeAllHits(context.services, params.projectId!, auth.user.id, input));
  },
});

export const loader = handler;
export const action = handler;
