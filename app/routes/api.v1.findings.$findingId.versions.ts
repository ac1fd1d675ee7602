import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { listVersions } from "~/lib/findings/versions.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /** Every accepted version, oldest first, each frozen as it was accepted. */
  async GET({ params, context }) {
    await requireFindingAccess(context, params.findingId!, "findings:read");
    return json({ versions: await listVersions(context.services, params.findingId!) });
  },
});

export const loader = handler;
export const action = handler;
