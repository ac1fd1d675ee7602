import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { addMemo, listMemos } from "~/lib/services/memos.server";
import { memoSchema } from "~/lib/validation/schemas";

/** Memos on a whole document (memos on one coding live in the coding). */
const handler = apiRoute({
  async GET({ params, context }) {
    await requireDocumentAccess(context, params.documentId!, "documents:read");
    return json({ memos: await listMemos(context.services, "document", params.documentId!) });
  },
  async POST({ request, params, context }) {
    const { auth, projectId } = await requireDocumentAccess(context, params.documentId!, "memos:write");
    const { body } = await readJson(request, memoSchema, context.services.config.maxBodyBytes);
    const target = { type: "document" as const, id: params.documentId! };
    return json(await addMemo(context.services, projectId, auth.user.id, target, body), 201);
  },
});

export const loader = handler;
export const action = handler;
