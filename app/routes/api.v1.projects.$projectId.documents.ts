import { z } from "zod";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson, validationError } from "~/lib/http/body.server";
import { createDocument, listDocuments } from "~/lib/services/documents.server";
import { createDocumentSchema } from "~/lib/validation/schemas";
import { documentKinds } from "../../db/kinds";

const filterSchema = z.object({ q: z.string().trim().max(200).optional(), kind: z.enum(documentKinds).optional() });

const handler = apiRoute({
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const filter = filterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!filter.success) throw validationError(filter.error);
    const rows = await listDocuments(context.services, params.projectId!, filter.data);
    return json({ documents: rows });
  },
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "documents:edit");
    const { services } = context;
    // Documents may be long transcripts: they get the upload limit.
    const input = await readJson(request, createDocumentSchema, services.config.maxUploadBytes);
    return json(await createDocument(services, params.projectId!, auth.user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
