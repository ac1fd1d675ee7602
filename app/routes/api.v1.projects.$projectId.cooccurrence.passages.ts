import { cooccurrencePassagesQuerySchema } from "~/lib/analysis/cooccurrence-query";
import { cooccurrencePassages } from "~/lib/analysis/cooccurrence.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /** `?a&b[&mode&within&documents&offset&limit]`: the pairs of codings behind one co-occurrence cell. */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const query = cooccurrencePassagesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const { a, b, offset, limit, ...near } = query.data;
    const page = await cooccurrencePassages(context.services, params.projectId!, a, b, near, { offset, limit });
    return json({ ...page, offset, limit });
  },
});

export const loader = handler;
export const action = handler;
