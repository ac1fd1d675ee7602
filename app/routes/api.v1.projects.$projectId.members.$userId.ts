import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { changeMemberRole, removeMember } from "~/lib/services/members.server";
import { updateMemberSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async PATCH({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "members:manage");
    const { services } = context;
    const { role } = await readJson(request, updateMemberSchema, services.config.maxBodyBytes);
    return json(await changeMemberRole(services, auth.user.id, params.projectId!, params.userId!, role));
  },
  /** Owners remove anyone; any member may remove themselves (leave the project). */
  async DELETE({ params, context }) {
    const userId = params.userId!;
    const leaving = context.auth?.user.id === userId;
    const action = leaving ? "project:leave" : "members:manage";
    const { auth } = await requireProjectAccess(context, params.projectId!, action);
    await removeMember(context.services, auth.user.id, params.projectId!, userId);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
