import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { CooccurrenceTable, type SelectedPair } from "~/components/analysis/cooccurrence-table";
import { DownloadLinks } from "~/components/analysis/download-links";
import { PassagesPanel } from "~/components/analysis/passages-panel";
import { cooccurrenceQuerySchema, MAX_WITHIN } from "~/lib/analysis/cooccurrence-query";
import { cooccurrence } from "~/lib/analysis/cooccurrence.server";
import { frequencies } from "~/lib/analysis/frequencies.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";

export const meta: MetaFunction = () => [{ title: "Code co-occurrence · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "documents:read");
    const search = new URL(request.url).searchParams;
    const parsed = cooccurrenceQuerySchema.safeParse({ mode: search.get("mode") ?? undefined, within: search.get("within") || undefined });
    const query = parsed.success ? parsed.data : cooccurrenceQuerySchema.parse({});
    const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the settings.");
    // The codes' own codings go on the diagonal; frequencies count them over the same documents.
    const [matrix, counts] = await Promise.all([
      cooccurrence(context.services, projectId, query),
      frequencies(context.services, projectId, { by: { kind: "document" } }),
    ]);
    return {
      projectId,
      matrix,
      problem,
      within: query.within,
      codes: counts.codes.map(({ id, parentId, codings }) => ({ id, parentId, codings })),
    };
  });
}

export default function CooccurrencePage() {
  const { projectId, matrix, problem, within, codes } = useLoaderData<typeof loader>();
  const [selected, setSelected] = useState<SelectedPair | null>(null);
  const [mode, setMode] = useState(matrix.mode);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const parents = useMemo(() => new Map(codes.map((c) => [c.id, c.parentId])), [codes]);
  const codings = useMemo(() => new Map(codes.map((c) => [c.id, c.codings])), [codes]);
  const near = new URLSearchParams(matrix.mode === "overlap" ? { mode: "overlap" } : { mode: "proximity", within: String(matrix.within) }).toString();
  const select = useCallback((pair: SelectedPair, button: HTMLButtonElement) => {
    trigger.current = button;
    setSelected(pair);
  }, []);
  const close = useCallback(() => {
    setSelected(null);
    trigger.current?.focus();
  }, []);
  const a = selected ? matrix.codes.find((c) => c.id === selected.a) : undefined;
  const b = selected ? matrix.codes.find((c) => c.id === selected.b) : undefined;
  const cell = selected ? matrix.cells.find((c) => (c.a === selected.a && c.b === selected.b) || (c.a === selected.b && c.b === selected.a)) : undefined;
  const coded = codes.some((c) => c.codings > 0);

  return (
    <section className={`mx-page${selected ? " mx-page--panel" : ""}`} aria-labelledby="co-heading">
      <div className="section-head">
        <h2 id="co-heading">Code co-occurrence</h2>
        <p className="meta">
          Which codes are applied to the same passages: pairs of codings of two codes in one document that{" "}
          {matrix.mode === "overlap" ? "overlap" : `lie within ${matrix.within} characters of each other`}.
        </p>
      </div>
      {problem ? (
        <p className="alert alert--error" role="alert">
          {problem} Showing overlapping codings instead.
        </p>
      ) : null}
      {matrix.codes.length < 2 || !coded ? (
        <div className="empty" data-testid="analysis-empty">
          <h2>{matrix.codes.length < 2 ? "Not enough codes yet" : "Nothing coded yet"}</h2>
          <p>
            Co-occurrence needs at least two codes applied to the project’s{" "}
            <Link to={`/projects/${projectId}/documents`}>documents</Link>.
          </p>
        </div>
      ) : (
        <>
          <Form method="get" className="an-controls" replace preventScrollReset onSubmit={() => setSelected(null)}>
            <fieldset>
              <legend>Codings meet when they</legend>
              <label>
                <input type="radio" name="mode" value="overlap" checked={mode === "overlap"} onChange={() => setMode("overlap")} /> overlap
              </label>
              <label>
                <input type="radio" name="mode" value="proximity" checked={mode === "proximity"} onChange={() => setMode("proximity")} /> are
                within
              </label>
              <label>
                <input type="number" name="within" min={0} max={MAX_WITHIN} defaultValue={within} disabled={mode !== "proximity"} aria-label="Characters apart at most" />
                characters
              </label>
              <button type="submit" className="btn btn--small">
                Show
              </button>
            </fieldset>
            <DownloadLinks href={(format) => `/api/v1/projects/${projectId}/cooccurrence?${near}&format=${format}`} what="co-occurrence matrix" />
          </Form>
          <p className="hint">
            Each cell counts the pairs of codings of its row’s and its column’s code; darker is more. The striped diagonal shows, in
            brackets, each code’s own number of codings. Click a cell (or press Enter on it) for the passages.
          </p>
          <div className="mx-layout">
            <CooccurrenceTable matrix={matrix} parents={parents} codings={codings} selected={selected} onSelect={select} />
            {selected && a && b ? (
              <PassagesPanel
                key={`${a.id}/${b.id}/${near}`}
                projectId={projectId}
                a={a}
                b={b}
                near={near}
                counts={{ pairs: cell?.pairs ?? 0, documents: cell?.documents ?? 0 }}
                onClose={close}
              />
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
