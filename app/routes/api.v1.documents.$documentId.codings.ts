import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { createCoding } from "~/lib/services/codings.server";
import { createCodingSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async POST({ request, params, context }) {
    const { auth } = await requireDocumentAccess(context, params.documentId!, "codings:edit");
    const input = await readJson(request, createCodingSchema, context.services.config.maxBodyBytes);
    return json(await createCoding(context.services, params.documentId!, auth.user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
