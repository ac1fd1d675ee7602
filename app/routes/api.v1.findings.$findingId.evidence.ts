import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { addEvidence } from "~/lib/findings/evidence.server";
import { viewEvidence } from "~/lib/findings/evidence-view.server";
import { addEvidenceSchema } from "~/lib/findings/finding-input";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  /** `{kind:"segment", segmentId}`, `{kind:"code", codeId}` or `{kind:"excerpt", codingId}`, each with an optional note. */
  async POST({ request, params, context }) {
    const { auth, projectId } = await requireFindingAccess(context, params.findingId!, "findings:edit");
    const input = await readJson(request, addEvidenceSchema, context.services.config.maxBodyBytes);
    const row = await addEvidence(context.services, params.findingId!, projectId, auth.user.id, input);
    const [view] = await viewEvidence(context.services, projectId, [row]);
    return json(view, 201);
  },
});

export const loader = handler;
export const action = handler;
