import { requireProjectAccess } from "~/lib/auth/guards.server";
import { listProjectJobs } from "~/lib/jobs/jobs.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /** The project's jobs, newest first (the last 100). */
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "jobs:read");
    return json({ jobs: await listProjectJobs(context.services.db, params.projectId!) });
  },
});

export const loader = handler;
export const action = handler;
