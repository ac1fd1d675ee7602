import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { deleteProject, getProject, updateProject } from "~/lib/services/projects.server";
import { updateProjectSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ params, context }) {
    const { role } = await requireProjectAccess(context, params.projectId!, "project:read");
    const project = await getProject(context.services.db, params.projectId!);
    return json({ ...project, role });
  },
  async PATCH({ request, params, context }) {
    const { auth, role } = await requireProjectAccess(context, params.projectId!, "project:update");
    const { services } = context;
    const changes = await readJson(request, updateProjectSchema, services.config.maxBodyBytes);
    const project = await updateProject(services.db, auth.user.id, params.projectId!, changes);
    return json({ ...project, role });
  },
  async DELETE({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "project:delete");
    await deleteProject(context.services.db, params.projectId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
