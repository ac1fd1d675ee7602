import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { auditQuery, listAudit } from "~/lib/services/audit-log.server";
import { validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /** Owners: newest first, `?before=<next>` pages back, `?action=` narrows, `?limit=` up to 200. */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "audit:read");
    const query = auditQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    return json(await listAudit(context.services.db, params.projectId!, query.data));
  },
});

export const loader = handler;
export const action = handler;
