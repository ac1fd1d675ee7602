import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { deleteDocument, readLiveDocument, updateDocument } from "~/lib/services/documents.server";
import { updateDocumentSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireDocumentAccess(context, params.documentId!, "documents:read");
    return json(await readLiveDocument(context.services, params.documentId!));
  },
  async PATCH({ request, params, context }) {
    await requireDocumentAccess(context, params.documentId!, "documents:edit");
    const changes = await readJson(request, updateDocumentSchema, context.services.config.maxBodyBytes);
    return json(await updateDocument(context.services, params.documentId!, changes));
  },
  async DELETE({ params, context }) {
    await requireDocumentAccess(context, params.documentId!, "documents:edit");
    await deleteDocument(context.services, params.documentId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
