import { requireLinkAccess } from "~/lib/auth/segment-guard.server";
import { unlink, updateLinkNote } from "~/lib/datasets/links.server";
import { updateLinkSchema } from "~/lib/datasets/segment-input";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async PATCH({ request, params, context }) {
    await requireLinkAccess(context, params.linkId!, "segments:edit");
    const { note } = await readJson(request, updateLinkSchema, context.services.config.maxBodyBytes);
    return json(await updateLinkNote(context.services, params.linkId!, note));
  },
  async DELETE({ params, context }) {
    await requireLinkAccess(context, params.linkId!, "segments:edit");
    await unlink(context.services, params.linkId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
