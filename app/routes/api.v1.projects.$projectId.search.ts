import { requireProjectAccess } from "~/lib/auth/guards.server";
import { HttpError } from "~/lib/http/errors.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";
import { searchQuerySchema } from "~/lib/search/search-query";
import { isSearchable, searchProject } from "~/lib/search/search.server";

const handler = apiRoute({
  /** `?q=…[&offset&limit]` → keyword-in-context hits over the documents in analysis. */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const parsed = searchQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw validationError(parsed.error);
    const { q, offset, limit } = parsed.data;
    if (!isSearchable(q)) throw new HttpError(400, "empty_query", "Type a word or phrase to search for.");
    return json(await searchProject(context.services, params.projectId!, q, { offset, limit }));
  },
});

export const loader = handler;
export const action = handler;
