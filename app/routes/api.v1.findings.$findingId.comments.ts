import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { addComment, listThreads } from "~/lib/findings/comments.server";
import { commentSchema } from "~/lib/findings/finding-input";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireFindingAccess(context, params.findingId!, "findings:read");
    return json({ threads: await listThreads(context.services, params.findingId!) });
  },
  /** `{body, evidenceId?, parentId?}`: a new thread on the finding or on one piece of evidence, or a reply. */
  async POST({ request, params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:read");
    const input = await readJson(request, commentSchema, context.services.config.maxBodyBytes);
    return json(await addComment(context.services, params.findingId!, auth.user, input), 201);
  },
});

export const loader = handler;
export const action = handler;
