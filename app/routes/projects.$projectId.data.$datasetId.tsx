import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useParams,
  useRouteError,
} from "@remix-run/react";
import { z } from "zod";
import { ColumnSummaryCard } from "~/components/datasets/column-summary-card";
import { DatasetTable } from "~/components/datasets/dataset-table";
import { formatInteger, plural } from "~/components/datasets/format";
import { Pager } from "~/components/datasets/pager";
import { PAGE_SIZE, type TableQuery } from "~/components/datasets/table-query";
import { SamplesSection } from "~/components/samples/samples-section";
import { requireDatasetAccess } from "~/lib/auth/dataset-guard.server";
import { can } from "~/lib/auth/permissions";
import { datasetInfo } from "~/lib/datasets/datasets.server";
import { getRows } from "~/lib/datasets/rows.server";
import { getSummary } from "~/lib/datasets/summary.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { parseDrawForm, sampleFieldFor } from "~/lib/samples/forms.server";
import { listSamples } from "~/lib/samples/queries.server";
import { drawSample } from "~/lib/samples/service.server";
import datasetStyles from "~/styles/datasets.css?url";
import sampleStyles from "~/styles/samples.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: datasetStyles },
  { rel: "stylesheet", href: sampleStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.dataset.name} · Thicket` : "Dataset · Thicket" },
];

/** A hand-edited URL with a bad page or direction falls back to the default, not an error page. */
const querySchema = z.object({
  sort: z.string().max(200).nullable().catch(null),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(1_000_000_000).catch(1),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    const datasetId = params.datasetId!;
    const { projectId, role, dataset: row } = await requireDatasetAccess(context, datasetId, "documents:read");
    if (projectId !== params.projectId) throw notFound("Dataset not found.");
    const dataset = datasetInfo(row);
    const search = new URL(request.url).searchParams;
    const parsed = querySchema.parse({
      sort: search.get("sort"),
      dir: search.get("dir"),
      page: search.get("page") ?? 1,
    });
    // Only a column of this dataset sorts; anything else shows the default order (by key).
    const sort = dataset.columns.some((c) => c.name === parsed.sort) ? parsed.sort : null;
    const pages = Math.max(1, Math.ceil(dataset.rowCount / PAGE_SIZE));
    const query: TableQuery = { sort, dir: sort ? parsed.dir : "asc", page: Math.min(parsed.page, pages) };
    const [summary, page, samples] = await Promise.all([
      getSummary(context.services, row),
      getRows(context.services, row, {
        offset: (query.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
        sort: query.sort,
        dir: query.dir,
      }),
      listSamples(context.services, row.id),
    ]);
    const canDraw = can(user, "samples:edit", { kind: "project", projectId, role });
    return { projectId, dataset, summary, page, query, samples, canDraw };
  });
}

/** Draws a sample (the Samples section's form) and opens its page. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const form = await request.formData();
  try {
    if (form.get("intent") !== "draw-sample") throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    const { projectId, dataset } = await requireDatasetAccess(context, params.datasetId!, "samples:edit");
    if (projectId !== params.projectId) throw notFound("Dataset not found.");
    const sample = await drawSample(context.services, dataset, user.id, parseDrawForm(form));
    return redirect(`/projects/${projectId}/samples/${sample.id}`);
  } catch (err) {
    return formFailure(err, form, sampleFieldFor);
  }
}

export default function DatasetBrowser() {
  const { projectId, dataset, summary, page, query, samples, canDraw } = useLoaderData<typeof loader>();
  const drawState = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  // Another page of this same table is on its way (a sort or a page link was followed).
  const loading = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  return (
    <section aria-labelledby="dataset-heading" className="data-page">
      <div className="section-head">
        <div>
          <p className="crumb">
            <Link to={`/projects/${projectId}/data`}>Data &amp; segments</Link> /
          </p>
          <h2 id="dataset-heading">{dataset.name}</h2>
        </div>
        <Link to={`/projects/${projectId}/data`} className="btn btn--secondary btn--small">
          All datasets
        </Link>
      </div>
      <dl className="dataset-facts" aria-label="About this dataset">
        <div>
          <dt>Key</dt>
          <dd>
            <code className="case-key">{dataset.key}</code>
          </dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{formatInteger(dataset.rowCount)}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd>{formatInteger(dataset.columns.length)}</dd>
        </div>
      </dl>

      {dataset.rowCount === 0 ? (
        <div className="empty">
          <h3>This dataset has no rows</h3>
          <p>Its file held only the header. Import the file again with its rows.</p>
        </div>
      ) : (
        <>
          <h3 className="data-subhead">Columns</h3>
          <div className="summary-grid">
            {summary.map((s) => (
              <ColumnSummaryCard key={s.name} summary={s} isKey={s.name === dataset.key} />
            ))}
          </div>

          <div className="card data-card">
            <div className="section-head">
              <h3 className="data-subhead">Rows</h3>
              <span className="meta" role="status" aria-live="polite">
                {loading ? (
                  <span className="loading-note">Loading…</span>
                ) : query.sort ? (
                  `Sorted by ${query.sort}, ${query.dir === "asc" ? "ascending" : "descending"}`
                ) : (
                  `${plural(page.total, "row")} ordered by ${dataset.key}; click a column name to sort`
                )}
              </span>
            </div>
            <DatasetTable page={page} query={query} keyColumn={dataset.key} loading={loading} />
            <Pager query={query} total={page.total} pageSize={PAGE_SIZE} />
          </div>
          <SamplesSection projectId={projectId} samples={samples} columns={dataset.columns} canDraw={canDraw} state={drawState} />
        </>
      )}
    </section>
  );
}

/** A dataset that is gone (deleted, or never in this project) says so, with the way back. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { projectId } = useParams();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <div className="card narrow" role="alert">
      <h2>{missing ? "Dataset not found" : forbidden ? "Not allowed" : "Something went wrong"}</h2>
      <p>
        {missing
          ? "This dataset does not exist or was deleted."
          : forbidden
          ? "Your role in this project does not include its data."
          : "The dataset could not be shown. Reload the page, and if it keeps happening, tell your administrator."}
      </p>
      <Link to={projectId ? `/projects/${projectId}/data` : "/projects"}>Back to data &amp; segments</Link>
    </div>
  );
}
