import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { openRoundOfCoder } from "~/lib/rounds/rounds.server";
import { deleteDocument, readLiveDocument, updateDocument } from "~/lib/services/documents.server";
import { updateDocumentSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ params, context }) {
    const { auth } = await requireDocumentAccess(context, params.documentId!, "documents:read");
    const live = await readLiveDocument(context.services, params.documentId!);
    // A coder in an open coding round on this document sees only their own codings of it.
    if (live && (await openRoundOfCoder(context.services.db, params.documentId!, auth.user.id))) {
      return json({ ...live, codings: live.codings.filter((c) => c.authorId === auth.user.id) });
    }
    return json(live);
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
