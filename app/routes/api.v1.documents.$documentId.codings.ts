import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { codingRoomOf } from "~/lib/rounds/coder-room.server";
import { createCoding } from "~/lib/services/codings.server";
import { createCodingSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async POST({ request, params, context }) {
    const documentId = params.documentId!;
    const { auth } = await requireDocumentAccess(context, documentId, "codings:edit");
    const input = await readJson(request, createCodingSchema, context.services.config.maxBodyBytes);
    // A coder in an open round on this document codes in their own layer, as in the editor.
    const room = await codingRoomOf(context.services.db, documentId, auth.user.id);
    return json(await createCoding(context.services, documentId, auth.user.id, input, room), 201);
  },
});

export const loader = handler;
export const action = handler;
