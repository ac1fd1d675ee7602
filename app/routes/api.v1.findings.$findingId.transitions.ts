import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { transitionSchema } from "~/lib/findings/finding-input";
import { listTransitions, transitionFinding } from "~/lib/findings/review.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireFindingAccess(context, params.findingId!, "findings:read");
    return json({ transitions: await listTransitions(context.services, params.findingId!) });
  },
  /** `{to, note?, reviewerIds?}`: who may make which move is the workflow's (workflow.ts). */
  async POST({ request, params, context }) {
    const { auth, role } = await requireFindingAccess(context, params.findingId!, "findings:read");
    const input = await readJson(request, transitionSchema, context.services.config.maxBodyBytes);
    return json(await transitionFinding(context.services, params.findingId!, { ...auth.user, role }, input));
  },
});

export const loader = handler;
export const action = handler;
