import { listDisagreements, parseDisagreementsQuery } from "~/lib/agreement/disagreements.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /**
   * `?coders=…&unit=…[&documents=…][&code=ID][&offset&limit]` → the units where the coders
   * disagree, worst first, a page at a time. Readers, as for the agreement figures.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const query = parseDisagreementsQuery(new URL(request.url).searchParams);
    return json(await listDisagreements(context.services, params.projectId!, query));
  },
});

export const loader = handler;
export const action = handler;
