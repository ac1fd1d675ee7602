import { requireProjectAccess } from "~/lib/auth/guards.server";
import { countSubmissions, listSubmissions } from "~/lib/contributions/inbox.server";
import { parseInboxFilter } from "~/lib/contributions/inbox-filter";
import { apiRoute, json } from "~/lib/http/api.server";

/** The contributions inbox: `?status=`, `?formId=` (or `?form=`) and `?tag=` narrow it. */
const handler = apiRoute({
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "contributions:review");
    const filter = parseInboxFilter(new URL(request.url).searchParams);
    const [submissions, counts] = await Promise.all([
      listSubmissions(context.services, params.projectId!, filter),
      countSubmissions(context.services, params.projectId!),
    ]);
    return json({ submissions, counts });
  },
});

export const loader = handler;
export const action = handler;
