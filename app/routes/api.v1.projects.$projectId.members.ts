import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { addMember, listMembers } from "~/lib/services/members.server";
import { addMemberSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ params, context }) {
    const { auth, role } = await requireProjectAccess(context, params.projectId!, "members:read");
    const viewer = { userId: auth.user.id, role };
    return json({ members: await listMembers(context.services.db, params.projectId!, viewer) });
  },
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "members:manage");
    const { services } = context;
    const input = await readJson(request, addMemberSchema, services.config.maxBodyBytes);
    return json(await addMember(services.db, auth.user.id, params.projectId!, input), 201);
  },
});

export const loader = handler;
export const action = handler;
