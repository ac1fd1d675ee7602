import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { publishFinding, unpublishFinding } from "~/lib/findings/public-link.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";

const handler = apiRoute({
  /** 201 `{token, url}`: shown once. A new link replaces the old one. Owners only; accepted findings only. */
  async POST({ request, params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:publish");
    return json(await publishFinding(context.services, params.findingId!, auth.user.id, new URL(request.url).origin), 201);
  },
  async DELETE({ params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:publish");
    await unpublishFinding(context.services, params.findingId!, auth.user.id);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
