import { computeAgreement, parseAgreementQuery } from "~/lib/agreement/agreement.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /**
   * API.md: `?coders=ID,ID[,…]&unit=paragraph|sentence|character[&documents=ID,…]` →
   * `{unit, coders, overall, perCode}`. Readers may see agreement, like the matrix.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const query = parseAgreementQuery(new URL(request.url).searchParams);
    return json(await computeAgreement(context.services, params.projectId!, query));
  },
});

export const loader = handler;
export const action = handler;
