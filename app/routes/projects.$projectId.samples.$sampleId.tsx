import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { Field, failureFor, FormError, SubmitButton } from "~/components/forms";
import { DoneToggle } from "~/components/samples/done-toggle";
import { SampleProgress } from "~/components/samples/progress";
import { SampleEstimates } from "~/components/sandwich/sample-estimates";
import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { can, type ProjectAction } from "~/lib/auth/permissions";
import { requireSampleAccess } from "~/lib/auth/sample-guard.server";
import { findDataset } from "~/lib/datasets/datasets.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { extendFormSchema, sampleFieldFor, setDoneFormSchema } from "~/lib/samples/forms.server";
import { getSample, sampleDocuments } from "~/lib/samples/queries.server";
import { deleteSample, extendSample } from "~/lib/samples/service.server";
import { MAX_SAMPLE_SIZE } from "~/lib/samples/types";
import type { RequestContext } from "~/lib/services.server";
import { updateDocument } from "~/lib/services/documents.server";
import { sampleEstimates } from "~/lib/sandwich/estimates.server";
import { listCodes } from "~/lib/services/codes.server";
import sampleStyles from "~/styles/samples.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: sampleStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.sample.name} · Samples · Thicket` : "Sample · Thicket" },
];

/** A sample of this project, checked for `action`; another project's sample is a 404 here. */
async function access(context: RequestContext, params: LoaderFunctionArgs["params"], action: ProjectAction) {
  const found = await requireSampleAccess(context, params.sampleId!, action);
  if (found.projectId !== params.projectId) throw notFound("Sample not found.");
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    const { projectId, role, sample: row } = await access(context, params, "documents:read");
    const [sample, documents, dataset, estimates, codeRows] = await Promise.all([
      getSample(context.services, row.id),
      sampleDocuments(context.services, row),
      findDataset(context.services, row.datasetId),
      sampleEstimates(context.services, row, { by: "strata", method: "sample" }),
      listCodes(context.services, projectId),
    ]);
    const resource = { kind: "project" as const, projectId, role };
    return {
      projectId,
      sample: sample!,
      documents,
      dataset: { id: row.datasetId, name: dataset?.name ?? "Dataset", rowCount: dataset?.rowCount ?? 0 },
      estimates: estimates.estimates,
      codeNames: Object.fromEntries(codeRows.map((c) => [c.id, c.name])),
      canEdit: can(user, "samples:edit", resource),
      canDone: can(user, "documents:done", resource),
    };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const { services } = context;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "set-done": {
        const { projectId } = await access(context, params, "documents:read");
        const { documentId, done } = parseForm(form, setDoneFormSchema);
        const found = await requireDocumentAccess(context, documentId, "documents:done");
        if (found.projectId !== projectId) throw notFound("Document not found.");
        await updateDocument(services, documentId, { done, caseKey: undefined });
        return { ok: true as const, intent, message: done ? "Marked done." : "Marked not done." };
      }
      case "extend": {
        const { sample } = await access(context, params, "samples:edit");
        const { size } = parseForm(form, extendFormSchema);
        const dataset = await findDataset(services, sample.datasetId);
        if (!dataset) throw notFound("Dataset not found.");
        const extended = await extendSample(services, dataset, sample, user.id, size);
        return { ok: true as const, intent, message: `Wave ${extended.waves} drawn: the sample now holds ${extended.size} rows.` };
      }
      case "delete-sample": {
        const { projectId, sample } = await access(context, params, "samples:edit");
        await deleteSample(services, sample.id);
        return redirect(`/projects/${projectId}/data/${sample.datasetId}`);
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form, sampleFieldFor);
  }
}

export default function SamplePage() {
  const { projectId, sample, documents, dataset, estimates, codeNames, canEdit, canDone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const extendState = failureFor(result, "extend");
  const message = result && "message" in result && result.intent !== "set-done" ? result.message : undefined;
  const base = `/projects/${projectId}/samples/${sample.id}`;
  return (
    <section className="sample-page" aria-labelledby="sample-heading">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${projectId}/data`}>Data &amp; segments</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/projects/${projectId}/data/${dataset.id}`}>{dataset.name}</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <div className="section-head">
        <h2 id="sample-heading">{sample.name}</h2>
        <div className="sample-links">
          <Link className="btn btn--secondary btn--small" to={`${base}/models`}>
            Models
          </Link>
          <Link className="btn btn--secondary btn--small" to="#estimates">
            Estimates
          </Link>
        </div>
      </div>
      {message ? (
        <div className="alert alert--success" role="status">
          {message}
        </div>
      ) : null}
      <p className="meta">
        Text from <strong>{sample.textColumn}</strong>
        {sample.strataColumn ? (
          <>
            , stratified by <strong>{sample.strataColumn}</strong>
          </>
        ) : null}
        ; seed {sample.seed}
        {sample.minPerStratum ? `, at least ${sample.minPerStratum} per stratum` : ""}; {sample.waves === 1 ? "one wave" : `${sample.waves} waves`}.
        {sample.emptySkipped ? ` ${sample.emptySkipped.toLocaleString("en-GB")} rows with empty text were skipped.` : ""}
      </p>
      <div className="sample-progress-line" data-testid="sample-progress">
        <SampleProgress done={sample.done} size={sample.size} missing={sample.missing} />
      </div>
      {sample.missing > 0 ? (
        <p className="alert alert--warning" role="note">
          {sample.missing.toLocaleString("en-GB")} of the drawn rows lost their document (it was deleted): they no longer count.
        </p>
      ) : null}

      <h3>Design</h3>
      <div className="table-wrap">
        <table className="table" aria-label="Design">
          <thead>
            <tr>
              <th scope="col">Stratum</th>
              <th scope="col" className="num">Population</th>
              <th scope="col" className="num">Sampled</th>
              <th scope="col" className="num">Done</th>
            </tr>
          </thead>
          <tbody>
            {sample.strata.map((s, h) => (
              <tr key={h}>
                <td>{s.value ?? <span className="meta">{sample.strataColumn ? "(empty)" : "All rows"}</span>}</td>
                <td className="num">{s.population.toLocaleString("en-GB")}</td>
                <td className="num">{s.sampled.toLocaleString("en-GB")}</td>
                <td className="num">{s.done.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 id="estimates">Estimated in all rows</h3>
      <p className="meta">
        From the done documents only, each weighted by its stratum&apos;s share of the table. The codebook&apos;s Prevalence panel
        shows each stratum; the matrix shows saved segments.
      </p>
      <SampleEstimates estimates={estimates} codeNames={codeNames} />

      <h3>Documents</h3>
      {documents.length === 0 ? (
        <p className="empty">This sample has no documents.</p>
      ) : (
        <div className="table-wrap sample-docs">
          <table className="table" aria-label="Sampled documents">
            <thead>
              <tr>
                <th scope="col">Done</th>
                <th scope="col">Document</th>
                <th scope="col">Stratum</th>
                <th scope="col" className="num">Wave</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.rowKey} data-testid="sample-document">
                  <td>
                    {d.documentId ? (
                      <DoneToggle documentId={d.documentId} done={d.done} disabled={!canDone} label={`Done: ${d.title ?? d.rowKey}`} />
                    ) : null}
                  </td>
                  <td>
                    {d.documentId ? (
                      <Link to={`/projects/${projectId}/documents/${d.documentId}`}>{d.title}</Link>
                    ) : (
                      <span className="meta">Row {d.rowKey}: document deleted</span>
                    )}
                  </td>
                  <td>{d.stratum ?? <span className="meta">—</span>}</td>
                  <td className="num">{d.wave}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canEdit ? (
        <div className="sample-actions">
          <Form method="post" className="sample-form" aria-label="Extend (second wave)">
            <h3>Extend (second wave)</h3>
            <FormError state={extendState} />
            <Field
              label="New total size"
              name="size"
              type="number"
              min={sample.size + 1}
              max={MAX_SAMPLE_SIZE}
              required
              state={extendState}
              hint={`Now ${sample.size.toLocaleString("en-GB")}; each stratum takes its next rows, earlier ones are kept.`}
            />
            <SubmitButton intent="extend" pendingText="Drawing…">
              Draw the wave
            </SubmitButton>
          </Form>
          <div>
            <FormError state={failureFor(result, "delete-sample")} />
            <ConfirmDialog
              trigger="Delete sample"
              title={`Delete “${sample.name}”?`}
              confirmLabel="Delete sample and its documents"
              fields={{ intent: "delete-sample" }}
            >
              <p>
                Its {sample.documentIds.length.toLocaleString("en-GB")} record documents are deleted with their codings. The dataset
                stays as it is.
              </p>
            </ConfirmDialog>
          </div>
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { projectId } = useParams();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="card narrow" role="alert">
      <h2>{missing ? "Sample not found" : "Something went wrong"}</h2>
      <p>{missing ? "This sample does not exist or was deleted." : "The sample could not be shown. Reload the page."}</p>
      <Link to={projectId ? `/projects/${projectId}/data` : "/projects"}>Back to data &amp; segments</Link>
    </div>
  );
}
