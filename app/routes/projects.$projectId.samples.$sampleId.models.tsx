import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ActionNotice } from "~/components/action-notice";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { JobProgress, usePollWhile } from "~/components/jobs/job-progress";
import { requireSampleAccess } from "~/lib/auth/sample-guard.server";
import { can } from "~/lib/auth/permissions";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { cancelJobFromPage } from "~/lib/jobs/cancel-page.server";
import { isFinished } from "~/lib/jobs/types";
import { sampleModelsPage, type CodeModelRowView } from "~/lib/models/models-page.server";
import { startModelJob, trainModelSchema } from "~/lib/models/models.server";
import jobStyles from "~/styles/jobs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: jobStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Models · ${data.sample.name} · Thicket` : "Models · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { sample, role } = await requireSampleAccess(context, params.sampleId!, "jobs:read");
    if (sample.projectId !== projectId) throw notFound("Sample not found.");
    const page = await sampleModelsPage(context.services, sample);
    const resource = { kind: "project" as const, projectId, role };
    return { projectId, sample: { id: sample.id, name: sample.name, textColumn: sample.textColumn }, ...page, canTrain: can(user, "models:train", resource) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const form = await request.formData();
  try {
    const { sample } = await requireSampleAccess(context, params.sampleId!, "jobs:read");
    if (sample.projectId !== params.projectId) throw notFound("Sample not found.");
    if (form.get("intent") === "cancel") {
      await cancelJobFromPage(context, sample.projectId, String(form.get("jobId") ?? ""));
      return { ok: true as const, message: "Cancel requested." };
    }
    await requireSampleAccess(context, sample.id, "models:train");
    const { codeId } = trainModelSchema.parse({ codeId: form.get("codeId") ?? "" });
    await startModelJob(context.services, sample, codeId, user.id);
    return { ok: true as const, message: "Learning the code; the progress shows below." };
  } catch (err) {
    if (err instanceof HttpError) return { ok: false as const, message: err.message };
    if (err instanceof Error && err.name === "ZodError") return { ok: false as const, message: "Choose a code." };
    throw err;
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function CodeCard({ row, canTrain, busy }: { row: CodeModelRowView; canTrain: boolean; busy: boolean }) {
  const running = row.job && !isFinished(row.job.status);
  const disabledReason = !canTrain ? "Your role cannot train models." : row.blocked ?? (running ? "A job for this code is running." : null);
  const hintId = `learn-hint-${row.codeId}`;
  return (
    <article className="model-card" data-testid="model-card" aria-labelledby={`code-${row.codeId}`}>
      <h3 id={`code-${row.codeId}`}>
        <span className="model-swatch" style={{ background: row.color ?? "#999" }} aria-hidden="true" />
        {row.name}
      </h3>
      <p className="meta">
        Done documents: {row.positives} with the code, {row.negatives} without.
      </p>
      {row.model ? (
        <>
          <dl className="model-cv" aria-label="Cross-validated quality (5 folds)">
            <div>
              <dt>Precision</dt>
              <dd>{pct(row.model.cv.precision)}</dd>
            </div>
            <div>
              <dt>Recall</dt>
              <dd>{pct(row.model.cv.recall)}</dd>
            </div>
            <div>
              <dt>F1</dt>
              <dd>{pct(row.model.cv.f1)}</dd>
            </div>
          </dl>
          <p className="meta">
            Learnt from {row.model.trainedOn} documents.{" "}
            {row.model.column ? <>Scores are in the dataset column “{row.model.column}”.</> : "Not applied to the rows yet."}
          </p>
          <div className="model-terms">
            <div>
              <strong>Words for</strong>
              <ul>{row.model.terms.for.slice(0, 10).map((t) => <li key={t.term}>{t.term}</li>)}</ul>
            </div>
            <div>
              <strong>Words against</strong>
              <ul>{row.model.terms.against.slice(0, 10).map((t) => <li key={t.term}>{t.term}</li>)}</ul>
            </div>
          </div>
        </>
      ) : (
        <p className="meta">No model yet.</p>
      )}
      {row.job ? <JobProgress job={row.job} canCancel={canTrain} /> : null}
      <Form method="post">
        <input type="hidden" name="codeId" value={row.codeId} />
        <button type="submit" disabled={Boolean(disabledReason) || busy} aria-describedby={disabledReason ? hintId : undefined}>
          {row.model ? "Learn this code again" : "Learn this code"}
        </button>
        {disabledReason ? (
          <span id={hintId} className="meta">
            {" "}
            {disabledReason}
          </span>
        ) : null}
      </Form>
    </article>
  );
}

export default function SampleModelsPage() {
  const { projectId, sample, done, codes, canTrain } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  usePollWhile(codes.some((c) => c.job && !isFinished(c.job.status)));
  return (
    <section aria-labelledby="models-heading">
      <div className="section-head">
        <h2 id="models-heading">Models · {sample.name}</h2>
        <span className="meta">
          {done} done document{done === 1 ? "" : "s"}. A model learns a code from them (text of “{sample.textColumn}”), is
          cross-validated, then scores every row of the dataset. <Link to={`/projects/${projectId}/jobs`}>All jobs</Link>
        </span>
      </div>
      <ActionNotice result={result} />
      {codes.length === 0 ? (
        <p className="doc-none" data-testid="models-empty">
          The codebook is empty. Add codes and code the sample&apos;s documents first.
        </p>
      ) : done === 0 ? (
        <p className="doc-none" data-testid="models-none-done">
          No document of this sample is marked done yet. Code them and mark them done; a model needs 10 with a code and 10 without.
        </p>
      ) : null}
      {codes.length > 0 ? (
        <div className="model-cards">
          {codes.map((row) => (
            <CodeCard key={row.codeId} row={row} canTrain={canTrain} busy={busy} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
