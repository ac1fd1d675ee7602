import { z } from "zod";
import { requireAuth } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";
import { HttpError } from "~/lib/http/errors.server";
import { importQdpx, readBodyBytes } from "~/lib/refi/import.server";
import { createProjectSchema } from "~/lib/validation/schemas";

const query = z.object({ name: createProjectSchema.shape.name });

/** A .qdpx is a zip; browsers and scripts label it any of these (or not at all). */
const ZIP_TYPES = new Set(["", "application/zip", "application/octet-stream", "application/x-zip-compressed", "application/x-zip"]);

const handler = apiRoute({
  /** API.md: the .qdpx body becomes a new project owned by the caller; 201 with the report. */
  async POST({ request, context }) {
    const { user } = requireAuth(context);
    const parsed = query.safeParse({ name: new URL(request.url).searchParams.get("name") ?? undefined });
    if (!parsed.success) throw validationError(parsed.error);
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!ZIP_TYPES.has(type)) {
      throw new HttpError(415, "unsupported_media_type", "Send the .qdpx file itself as application/zip or application/octet-stream.");
    }
    const bytes = await readBodyBytes(request.body, context.services.config.maxImportBytes);
    if (bytes.byteLength === 0) throw new HttpError(422, "invalid_qdpx", "The request body is empty: send the .qdpx file.");
    return json(await importQdpx(context.services, { userId: user.id, name: parsed.data.name, bytes }), 201);
  },
});

export const loader = handler;
export const action = handler;
