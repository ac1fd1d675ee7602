import { requireAuth } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { createProject, listProjectsForUser } from "~/lib/services/projects.server";
import { createProjectSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ context }) {
    const { user } = requireAuth(context);
    const rows = await listProjectsForUser(context.services.db, user.id);
    return json({ projects: rows.map(({ id, name, role }) => ({ id, name, role })) });
  },
  async POST({ request, context }) {
    const { user } = requireAuth(context);
    const { services } = context;
    const input = await readJson(request, createProjectSchema, services.config.maxBodyBytes);
    return json(await createProject(services.db, user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
