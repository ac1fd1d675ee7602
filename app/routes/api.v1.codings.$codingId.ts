import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { deleteCoding, findCodingDocument, setCodingMemo } from "~/lib/services/codings.server";
import { updateCodingSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async PATCH({ request, params, context }) {
    const documentId = await findCodingDocument(context.services, params.codingId!);
    await requireDocumentAccess(context, documentId, "codings:edit");
    const { memo } = await readJson(request, updateCodingSchema, context.services.config.maxBodyBytes);
    return json(await setCodingMemo(context.services, documentId, params.codingId!, memo));
  },
  async DELETE({ params, context }) {
    const documentId = await findCodingDocument(context.services, params.codingId!);
    await requireDocumentAccess(context, documentId, "codings:edit");
    await deleteCoding(context.services, documentId, params.codingId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
