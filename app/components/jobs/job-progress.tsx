import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";
import { isFinished, type JobView } from "~/lib/jobs/types";

const statusText: Record<JobView["status"], string> = {
  queued: "Waiting to start",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Reloads the page's data every `ms` while `active`, so progress bars move on their own. */
export function usePollWhile(active: boolean, ms = 1000) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, ms);
    return () => clearInterval(timer);
  }, [active, ms, revalidator]);
}

/** A job's status, a progress bar while it runs, its error, and Cancel for those allowed. */
export function JobProgress({ job, canCancel }: { job: JobView; canCancel: boolean }) {
  const percent = Math.round(job.progress * 100);
  const active = !isFinished(job.status);
  return (
    <div className="job-progress" data-testid="job-progress" data-status={job.status}>
      <span className={`job-status job-status-${job.status}`}>{statusText[job.status]}</span>
      {active ? (
        <progress max={100} value={percent} aria-label={`Progress: ${percent}%`}>
          {percent}%
        </progress>
      ) : null}
      {active ? <span className="meta">{percent}%</span> : null}
      {job.cancelRequested && active ? <span className="meta">Cancelling…</span> : null}
      {job.error ? (
        <span className="job-error" role="alert">
          {job.error}
        </span>
      ) : null}
      {active && canCancel && !job.cancelRequested ? (
        <Form
          method="post"
          onSubmit={(e) => {
            if (!window.confirm("Cancel this job? Nothing it has done so far will be kept.")) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="jobId" value={job.id} />
          <button type="submit" className="button-secondary">
            Cancel
          </button>
        </Form>
      ) : null}
    </div>
  );
}
