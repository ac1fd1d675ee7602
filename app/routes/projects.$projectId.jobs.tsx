import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ActionNotice } from "~/components/action-notice";
import { useActionData, useLoaderData } from "@remix-run/react";
import { JobProgress, usePollWhile } from "~/components/jobs/job-progress";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { HttpError } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { cancelAction } from "~/lib/jobs/actions";
import { cancelJobFromPage } from "~/lib/jobs/cancel-page.server";
import { listProjectJobs } from "~/lib/jobs/jobs.server";
import { isFinished, jobKindLabels } from "~/lib/jobs/types";
import jobStyles from "~/styles/jobs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobStyles }];
export const meta: MetaFunction = () => [{ title: "Jobs · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "jobs:read");
    const jobs = await listProjectJobs(context.services.db, projectId);
    const resource = { kind: "project" as const, projectId, role };
    return { jobs: jobs.map((j) => ({ ...j, canCancel: can(user, cancelAction(j.kind), resource) })) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePageAuth(request, context);
  const form = await request.formData();
  try {
    if (form.get("intent") !== "cancel") return { ok: false as const, message: "Unknown action." };
    await cancelJobFromPage(context, params.projectId!, String(form.get("jobId") ?? ""));
    return { ok: true as const, message: "Cancel requested." };
  } catch (err) {
    if (err instanceof HttpError) return { ok: false as const, message: err.message };
    throw err;
  }
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export default function JobsPage() {
  const { jobs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  usePollWhile(jobs.some((j) => !isFinished(j.status)));
  return (
    <section aria-labelledby="jobs-heading" className="jobs-page">
      <div className="section-head">
        <h2 id="jobs-heading">Jobs</h2>
        <span className="meta">Work the server does in the background, newest first. Running jobs update on their own.</span>
      </div>
      <ActionNotice result={result} />
      {jobs.length === 0 ? (
        <p className="doc-none" data-testid="jobs-empty">
          No jobs yet. Learning a code from a sample (on the sample&apos;s Models page) runs here.
        </p>
      ) : (
        <table className="jobs-table" data-testid="jobs-table">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Started</th>
              <th scope="col">Finished</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td>{jobKindLabels[job.kind] ?? job.kind}</td>
                <td>{when(job.startedAt ?? job.createdAt)}</td>
                <td>{when(job.finishedAt)}</td>
                <td>
                  <JobProgress job={job} canCancel={job.canCancel} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
