import { requireSampleAccess } from "~/lib/auth/sample-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { HttpError } from "~/lib/http/errors.server";
import { sampleEstimates } from "~/lib/sandwich/estimates.server";
import { estimatesQuerySchema } from "~/lib/sandwich/schemas";

const handler = apiRoute({
  /**
   * Issue 16: `{codeId, method, overall, groups}` for one code, `{estimates:[…]}` for all of
   * them. 404 for an unknown sample, code or segment; 409 `no_model`; 422 a bad `by`/`method`.
   */
  async GET({ request, params, context }) {
    const { sample } = await requireSampleAccess(context, params.sampleId!, "documents:read");
    const search = new URL(request.url).searchParams;
    const parsed = estimatesQuerySchema.safeParse({
      codeId: search.get("codeId") ?? undefined,
      by: search.get("by") ?? undefined,
      method: search.get("method") ?? undefined,
      subcodes: search.get("subcodes") ?? undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? "query");
      throw new HttpError(422, "invalid_request", issue.message, {}, { [field]: issue.message });
    }
    const answer = await sampleEstimates(context.services, sample, parsed.data);
    if (parsed.data.codeId) return json(answer.estimates[0]);
    return json(answer);
  },
});

export const loader = handler;
export const action = handler;
