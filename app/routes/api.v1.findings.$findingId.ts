import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { updateFindingSchema } from "~/lib/findings/finding-input";
import { deleteFinding, getFinding, updateFinding } from "~/lib/findings/findings.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireFindingAccess(context, params.findingId!, "findings:read");
    return json(await getFinding(context.services, params.findingId!));
  },
  /** Refused (409) in review; on an accepted finding it starts the next version. */
  async PATCH({ request, params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:edit");
    const input = await readJson(request, updateFindingSchema, context.services.config.maxBodyBytes);
    return json(await updateFinding(context.services, params.findingId!, auth.user.id, input));
  },
  async DELETE({ params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:edit");
    await deleteFinding(context.services, params.findingId!, auth.user.id);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
