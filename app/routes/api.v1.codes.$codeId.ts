import { requireCodeAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { codeImpact, deleteCode, updateCode } from "~/lib/services/codes.server";
import { updateCodeSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  /** What deleting the code would remove: its codings, the documents they are in, sub-codes. */
  async GET({ params, context }) {
    await requireCodeAccess(context, params.codeId!, "documents:read");
    return json({ impact: await codeImpact(context.services, params.codeId!) });
  },
  async PATCH({ request, params, context }) {
    await requireCodeAccess(context, params.codeId!, "codebook:edit");
    const changes = await readJson(request, updateCodeSchema, context.services.config.maxBodyBytes);
    return json(await updateCode(context.services, params.codeId!, changes));
  },
  async DELETE({ params, context }) {
    await requireCodeAccess(context, params.codeId!, "codebook:edit");
    await deleteCode(context.services, params.codeId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
