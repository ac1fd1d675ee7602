import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { asc, eq } from "drizzle-orm";
import { failureFor } from "~/components/forms";
import { SegmentForm } from "~/components/segments/segment-form";
import { segmentFieldFor } from "~/components/segments/segment-errors.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { createSegmentSchema } from "~/lib/datasets/segment-input";
import { createSegment } from "~/lib/datasets/segments.server";
import { publicColumns } from "~/lib/datasets/sql.server";
import { validationError } from "~/lib/http/body.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { AppServices } from "~/lib/services.server";
import segmentStyles from "~/styles/segments.css?url";
import { datasets } from "../../db/schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: segmentStyles }];

export const meta: MetaFunction = () => [{ title: "New segment · Thicket" }];

/** The project's datasets with their columns, for the builder's pickers. */
async function datasetChoices(services: AppServices, projectId: string) {
  const rows = await services.db
    .select({ id: datasets.id, name: datasets.name, rowCount: datasets.rowCount, columns: datasets.columns })
    .from(datasets)
    .where(eq(datasets.projectId, projectId))
    .orderBy(asc(datasets.name));
  return rows.map((d) => ({ id: d.id, name: d.name, rowCount: d.rowCount, columns: publicColumns(d) }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "segments:edit");
    const list = await datasetChoices(context.services, projectId);
    const wanted = new URL(request.url).searchParams.get("dataset");
    // ?dataset=ID (from a dataset's page) puts that dataset first.
    const ordered = wanted ? [...list.filter((d) => d.id === wanted), ...list.filter((d) => d.id !== wanted)] : list;
    return { projectId, datasets: ordered };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const form = await request.formData();
  try {
    await requireProjectAccess(context, projectId, "segments:edit");
    const parsed = createSegmentSchema.safeParse({ ...Object.fromEntries(form), filter: filterOf(form) });
    if (!parsed.success) throw validationError(parsed.error);
    const segment = await createSegment(context.services, projectId, user.id, parsed.data);
    return redirect(`/projects/${projectId}/segments/${segment.id}`);
  } catch (err) {
    return formFailure(err, form, segmentFieldFor);
  }
}

/** The builder sends its filter as JSON text; unreadable JSON is the service's 422 too. */
function filterOf(form: FormData): unknown {
  const text = String(form.get("filter") ?? "");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export default function NewSegment() {
  const { projectId, datasets: list } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="seg-page" aria-labelledby="new-segment-heading">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${projectId}/data`}>Data &amp; segments</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <h2 id="new-segment-heading">New segment</h2>
      <p className="hint seg-page__intro">
        A segment is a named group of the dataset’s rows, chosen with conditions on its columns. The matrix sets each
        segment beside the codes found in the documents of its cases.
      </p>
      {list.length === 0 ? (
        <div className="empty">
          <h3>No dataset yet</h3>
          <p>A segment is a part of a dataset. Import one first.</p>
          <Link className="btn" to={`/projects/${projectId}/data/import`}>
            Import data
          </Link>
        </div>
      ) : (
        <div className="card">
          <SegmentForm
            projectId={projectId}
            datasets={list}
            state={failureFor(result)}
            intent="create-segment"
            submitLabel="Save segment"
            pendingLabel="Saving…"
          />
        </div>
      )}
    </section>
  );
}
