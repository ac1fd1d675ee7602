import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ImportForm } from "~/components/datasets/import-form";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import datasetStyles from "~/styles/datasets.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: datasetStyles }];

export const meta: MetaFunction = () => [{ title: "Import a CSV file · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "datasets:edit");
    return { projectId, maxBytes: context.services.config.maxDatasetBytes };
  });
}

/** The import itself runs in the browser (it needs upload progress); see ImportForm. */
export default function ImportDataset() {
  const { projectId, maxBytes } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="import-heading" className="data-page">
      <div className="section-head">
        <h2 id="import-heading">Import a CSV file</h2>
        <Link to={`/projects/${projectId}/data`}>Back to data &amp; segments</Link>
      </div>
      <div className="card">
        <p className="import-intro">
          The first row names the columns; each further row is one case. You will see the first rows and the detected
          column types before anything is saved, and can correct them.
        </p>
        <noscript>
          <p className="alert alert--warn">
            Importing from this page needs JavaScript. Without it, send the file to the API: POST /api/v1/projects/
            {projectId}/datasets?name=…&amp;key=… with the CSV as the body.
          </p>
        </noscript>
        <ImportForm projectId={projectId} maxBytes={maxBytes} />
      </div>
    </section>
  );
}
