import { requireAuth, requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { apiRoute, noContent } from "~/lib/http/api.server";
import { notFound } from "~/lib/http/errors.server";
import { deleteMemo, memoProject } from "~/lib/services/memos.server";

const handler = apiRoute({
  /** Its author may delete a memo, and so may an owner; anyone else in the project gets 403. */
  async DELETE({ params, context }) {
    const { user } = requireAuth(context);
    const projectId = await memoProject(context.services, params.memoId!);
    if (!projectId) throw notFound("Memo not found.");
    const { role } = await requireProjectAccess(context, projectId, "project:read").catch((err) => {
      throw err?.status === 404 ? notFound("Memo not found.") : err;
    });
    // Owners moderate: whoever may delete the whole project may delete any memo in it.
    const isOwner = can(user, "memos:moderate", { kind: "project", projectId, role });
    await deleteMemo(context.services, params.memoId!, { id: user.id, isOwner });
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
