import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { redactionSchema, redactRange } from "~/lib/services/redactions.server";

const handler = apiRoute({
  async POST({ request, params, context }) {
    const documentId = params.documentId!;
    const { auth, projectId } = await requireDocumentAccess(context, documentId, "documents:edit");
    const input = await readJson(request, redactionSchema, context.services.config.maxBodyBytes);
    return json(await redactRange(context.services, { projectId, documentId, actorId: auth.user.id }, input));
  },
});

export const loader = handler;
export const action = handler;
