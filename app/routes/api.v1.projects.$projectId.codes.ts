import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { createCode, listCodes } from "~/lib/services/codes.server";
import { createCodeSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    return json({ codes: await listCodes(context.services, params.projectId!) });
  },
  /** Researchers and owners edit the codebook; coders may add (propose) codes. */
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "codes:propose");
    const input = await readJson(request, createCodeSchema, context.services.config.maxBodyBytes);
    return json(await createCode(context.services, params.projectId!, auth.user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
