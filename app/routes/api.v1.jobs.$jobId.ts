import { requireProjectAccess } from "~/lib/auth/guards.server";
import { requireJobAccess } from "~/lib/auth/job-guard.server";
import { cancelAction } from "~/lib/jobs/actions";
import { jobView, requestCancel } from "~/lib/jobs/jobs.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  async GET({ params, context }) {
    const { job } = await requireJobAccess(context, params.jobId!, "jobs:read");
    return json(jobView(job));
  },
  /** Asks the job to stop: 202; it ends `cancelled` at its next batch (a queued one at once). */
  async DELETE({ params, context }) {
    const { job } = await requireJobAccess(context, params.jobId!, "jobs:read");
    await requireProjectAccess(context, job.projectId, cancelAction(job.kind));
    return json(await requestCancel(context.services.db, job.id), 202);
  },
});

export const loader = handler;
export const action = handler;
