import { requireCodeAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { mergeCode } from "~/lib/services/codes.server";
import { mergeCodeSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async POST({ request, params, context }) {
    await requireCodeAccess(context, params.codeId!, "codebook:edit");
    const { intoId } = await readJson(request, mergeCodeSchema, context.services.config.maxBodyBytes);
    await requireCodeAccess(context, intoId, "codebook:edit");
    return json(await mergeCode(context.services, params.codeId!, intoId));
  },
});

export const loader = handler;
export const action = handler;
