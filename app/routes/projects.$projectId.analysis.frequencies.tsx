import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { DownloadLinks } from "~/components/analysis/download-links";
import { FrequencyTable, type FrequencyMeasure } from "~/components/analysis/frequency-table";
import { byParam, frequenciesQuerySchema } from "~/lib/analysis/frequencies-query";
import { frequencies } from "~/lib/analysis/frequencies.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { HttpError } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";

export const meta: MetaFunction = () => [{ title: "Code frequencies · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "documents:read");
    const search = new URL(request.url).searchParams;
    const measure: FrequencyMeasure = search.get("show") === "documents" ? "documents" : "codings";
    const parsed = frequenciesQuerySchema.safeParse({ by: search.get("by") ?? undefined });
    const by = parsed.success ? parsed.data.by : { kind: "document" as const };
    // An attribute no document has any more (an old link) falls back to documents, said plainly.
    const table = await frequencies(context.services, projectId, { by }).catch((err: unknown) => {
      if (!(err instanceof HttpError && err.status === 400)) throw err;
      return null;
    });
    if (table) return { projectId, measure, table, unknown: null };
    const fallback = await frequencies(context.services, projectId, { by: { kind: "document" } });
    return { projectId, measure, table: fallback, unknown: by.kind === "attribute" ? by.name : null };
  });
}

export default function FrequenciesPage() {
  const { projectId, measure, table, unknown } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const by = byParam(table.by === "document" ? { kind: "document" } : { kind: "attribute", name: table.attribute ?? "" });
  const coded = table.totals.codings > 0;
  const query = (format: "csv" | "xlsx") =>
    `/api/v1/projects/${projectId}/frequencies?${new URLSearchParams({ by, format }).toString()}`;
  return (
    <section aria-labelledby="freq-heading">
      <div className="section-head">
        <h2 id="freq-heading">Code frequencies</h2>
        <p className="meta">
          How often each code is used, and in how many documents, {table.by === "document" ? "in each document" : `by ${table.attribute}`}.
          Rejected contributions are left out.
        </p>
      </div>
      {unknown ? (
        <p className="alert alert--error" role="alert">
          No document has an attribute named “{unknown}” any more; showing documents instead.
        </p>
      ) : null}
      {table.codes.length === 0 ? (
        <div className="empty" data-testid="analysis-empty">
          <h2>No codes yet</h2>
          <p>
            Frequencies count the codings of each code. Add codes in the <Link to={`/projects/${projectId}/codebook`}>Codebook</Link>{" "}
            and code some documents first.
          </p>
        </div>
      ) : !coded ? (
        <div className="empty" data-testid="analysis-empty">
          <h2>Nothing coded yet</h2>
          <p>
            Open a <Link to={`/projects/${projectId}/documents`}>document</Link>, select a passage and apply a code: its counts appear
            here.
          </p>
        </div>
      ) : (
        <>
          <Form method="get" className="an-controls" onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}>
            <label>
              Columns
              <select name="by" defaultValue={by} key={by}>
                <option value="document">Each document</option>
                {table.attributes.map((name) => (
                  <option key={name} value={`attribute:${name}`}>
                    Attribute: {name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>Count</legend>
              <label>
                <input type="radio" name="show" value="codings" defaultChecked={measure === "codings"} /> Codings
              </label>
              <label>
                <input type="radio" name="show" value="documents" defaultChecked={measure === "documents"} /> Documents
              </label>
            </fieldset>
            <noscript>
              <button type="submit" className="btn btn--small">
                Show
              </button>
            </noscript>
            <DownloadLinks href={query} what="code frequencies" />
          </Form>
          <FrequencyTable projectId={projectId} table={table} measure={measure} />
          <p className="hint">
            {measure === "codings"
              ? "Each cell counts the codings of the code in the column’s documents."
              : "Each cell counts the documents of the column that have the code at least once."}
            {table.by === "attribute" ? " A column’s heading says how many documents have that value." : null}
          </p>
        </>
      )}
    </section>
  );
}
