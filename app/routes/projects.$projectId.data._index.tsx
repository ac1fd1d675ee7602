import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { DatasetList } from "~/components/datasets/dataset-list";
import { failureFor, FormError } from "~/components/forms";
import { useSettledMessage } from "~/components/use-form-reset";
import { requireDatasetAccess } from "~/lib/auth/dataset-guard.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { deleteDataset, listDatasets } from "~/lib/datasets/datasets.server";
import { listSegments } from "~/lib/datasets/segments.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { AppServices } from "~/lib/services.server";
import datasetStyles from "~/styles/datasets.css?url";
import { datasets, users } from "../../db/schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: datasetStyles }];

export const meta: MetaFunction = () => [{ title: "Data & segments · Thicket" }];

/** Who imported each dataset (DatasetInfo leaves people out: the API does not show them). */
async function importers(services: AppServices, projectId: string) {
  const rows = await services.db
    .select({ id: datasets.id, name: users.name })
    .from(datasets)
    .innerJoin(users, eq(users.id, datasets.createdBy))
    .where(eq(datasets.projectId, projectId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    const [list, segments, byWhom] = await Promise.all([
      listDatasets(context.services, projectId),
      listSegments(context.services, projectId),
      importers(context.services, projectId),
    ]);
    const resource = { kind: "project" as const, projectId, role };
    return {
      projectId,
      datasets: list.map((d) => ({ ...d, importedBy: byWhom.get(d.id) ?? null })),
      segments,
      canEditData: can(user, "datasets:edit", resource),
      canEditSegments: can(user, "segments:edit", resource),
    };
  });
}

const deleteSchema = z.object({ datasetId: z.string().min(1) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePageAuth(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent !== "delete-dataset") {
      throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
    const { datasetId } = parseForm(form, deleteSchema);
    const { projectId, dataset } = await requireDatasetAccess(context, datasetId, "datasets:edit");
    if (projectId !== params.projectId) throw notFound("Dataset not found.");
    await deleteDataset(context.services, dataset);
    return { ok: true as const, intent, message: `“${dataset.name}” was deleted.` };
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function DataPage() {
  const { projectId, datasets: list, segments, canEditData, canEditSegments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const success = useSettledMessage(result);
  const failure = failureFor(result);
  const importLink = canEditData ? (
    <Link to={`/projects/${projectId}/data/import`} className="btn">
      Import CSV
    </Link>
  ) : null;
  const newSegment =
    canEditSegments && list.length > 0 ? (
      <Link to={`/projects/${projectId}/segments/new`} className="btn btn--secondary">
        New segment
      </Link>
    ) : null;
  return (
    <section aria-labelledby="data-heading" className="data-page">
      <div className="section-head">
        <h2 id="data-heading">Data &amp; segments</h2>
        <div className="button-row">
          {newSegment}
          {importLink}
        </div>
      </div>
      <div role="status" aria-live="polite" className={success ? "alert alert--success" : "visually-hidden"}>
        {success}
      </div>
      <FormError state={failure} summarize />
      {list.length === 0 ? (
        <div className="empty data-empty">
          <h3>No datasets yet</h3>
          <p>
            A dataset is a table of numbers about your cases, imported from a CSV file: one row per customer, site or
            call, with columns such as tenure, complaints or spend.
          </p>
          <p>
            Its <strong>key column</strong> holds each row’s identifier. A document whose case key has the same value
            belongs to that row, so segments of the data (“customers who churned”) can be set beside the coded stories
            that say why.
          </p>
          <p>{canEditData ? "Import a CSV file to begin." : "Owners and researchers import datasets here."}</p>
          {importLink}
          <p className="hint data-empty__demo">
            To see it working first, load the demo project from <Link to="/projects">your projects</Link>: it comes with
            a customer dataset, segments and coded call notes.
          </p>
        </div>
      ) : (
        <DatasetList
          projectId={projectId}
          datasets={list}
          segments={segments}
          canEditData={canEditData}
          canEditSegments={canEditSegments}
        />
      )}
    </section>
  );
}
