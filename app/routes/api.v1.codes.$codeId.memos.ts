import { requireCodeAccess } from "~/lib/auth/document-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { addMemo, listMemos } from "~/lib/services/memos.server";
import { memoSchema } from "~/lib/validation/schemas";

/** Memos on a code: what it means, how it is used, questions about it. */
const handler = apiRoute({
  async GET({ params, context }) {
    await requireCodeAccess(context, params.codeId!, "documents:read");
    return json({ memos: await listMemos(context.services, "code", params.codeId!) });
  },
  async POST({ request, params, context }) {
    const { auth, projectId } = await requireCodeAccess(context, params.codeId!, "memos:write");
    const { body } = await readJson(request, memoSchema, context.services.config.maxBodyBytes);
    const memo = await addMemo(context.services, projectId, auth.user.id, { type: "code", id: params.codeId! }, body);
    return json(memo, 201);
  },
});

export const loader = handler;
export const action = handler;
