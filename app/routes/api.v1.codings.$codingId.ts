import { requireAuth } from "~/lib/auth/guards.server";
import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { codingTarget } from "~/lib/rounds/coder-room.server";
import type { RequestContext } from "~/lib/services.server";
import { deleteCoding, setCodingMemo } from "~/lib/services/codings.server";
import { updateCodingSchema } from "~/lib/validation/schemas";

/** The live room holding the coding: the caller's round layer, or the document (409 while their round is open). */
function target(context: RequestContext, codingId: string) {
  const auth = requireAuth(context);
  return codingTarget(context.services, codingId, auth.user.id, (documentId) => requireDocumentAccess(context, documentId, "codings:edit"));
}

const handler = apiRoute({
  async PATCH({ request, params, context }) {
    const { room } = await target(context, params.codingId!);
    const { memo } = await readJson(request, updateCodingSchema, context.services.config.maxBodyBytes);
    return json(await setCodingMemo(context.services, room, params.codingId!, memo));
  },
  async DELETE({ params, context }) {
    const { room } = await target(context, params.codingId!);
    await deleteCoding(context.services, room, params.codingId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
