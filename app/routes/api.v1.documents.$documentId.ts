import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { codingRoomOf } from "~/lib/rounds/coder-room.server";
import { deleteDocument, readLiveDocument, updateDocument } from "~/lib/services/documents.server";
import { updateDocumentSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ params, context }) {
    const { auth } = await requireDocumentAccess(context, params.documentId!, "documents:read");
    // A coder in an open coding round on this document sees their layer: the round's copy of
    // the text and their own codings in it (which is where their API codings go).
    const room = await codingRoomOf(context.services.db, params.documentId!, auth.user.id);
    return json(await readLiveDocument(context.services, params.documentId!, room));
  },
  async PATCH({ request, params, context }) {
    // A coder may mark a document done without being allowed to rename or re-key it.
    await requireDocumentAccess(context, params.documentId!, "documents:read");
    const changes = await readJson(request, updateDocumentSchema, context.services.config.maxBodyBytes);
    const { done, ...rest } = changes;
    if (done !== undefined) await requireDocumentAccess(context, params.documentId!, "documents:done");
    if (done === undefined || Object.values(rest).some((v) => v !== undefined)) {
      await requireDocumentAccess(context, params.documentId!, "documents:edit");
    }
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
