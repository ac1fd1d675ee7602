import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { findingDiff } from "~/lib/findings/compare.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /** What changed: `?from=N` (an accepted version, default the latest) to `?to=M` (default the working copy). */
  async GET({ request, params, context }) {
    await requireFindingAccess(context, params.findingId!, "findings:read");
    const query = new URL(request.url).searchParams;
    return json(await findingDiff(context.services, params.findingId!, query.get("from"), query.get("to")));
  },
});

export const loader = handler;
export const action = handler;
