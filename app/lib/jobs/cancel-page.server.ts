import { requireProjectAccess } from "../auth/guards.server";
import { requireJobAccess } from "../auth/job-guard.server";
import { notFound } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import { cancelAction } from "./actions";
import { requestCancel } from "./jobs.server";

/** The pages' Cancel button: a job of this project, by someone allowed to start its kind. */
export async function cancelJobFromPage(context: RequestContext, projectId: string, jobId: string) {
  const { job } = await requireJobAccess(context, jobId, "jobs:read");
  if (job.projectId !== projectId) throw notFound("Job not found.");
  await requireProjectAccess(context, projectId, cancelAction(job.kind));
  return requestCancel(context.services.db, job.id);
}
