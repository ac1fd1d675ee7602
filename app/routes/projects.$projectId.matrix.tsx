import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { useCallback, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { DownloadLinks } from "~/components/analysis/download-links";
import { CellPanel } from "~/components/matrix/cell-panel";
import { MatrixLegend } from "~/components/matrix/matrix-legend";
import { cellKey, cellLookup, type ShadeMeasure } from "~/components/matrix/matrix-model";
import { MatrixSetup } from "~/components/matrix/matrix-setup";
import { MatrixTable, type SelectedCell } from "~/components/matrix/matrix-table";
import { EstimatesTable } from "~/components/sandwich/estimates-table";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { linkCodeToSegment, linksForProject } from "~/lib/datasets/links.server";
import { parseSubcodes } from "~/lib/datasets/code-scope.server";
import { buildMatrix } from "~/lib/datasets/matrix.server";
import { createLinkSchema } from "~/lib/datasets/segment-input";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { matrixEstimates, matrixSample } from "~/lib/sandwich/matrix-view.server";
import type { AppServices } from "~/lib/services.server";
import estimateStyles from "~/styles/estimates.css?url";
import matrixStyles from "~/styles/matrix.css?url";
import { datasets, documents } from "../../db/schema";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: matrixStyles },
  { rel: "stylesheet", href: estimateStyles },
];

export const meta: MetaFunction = () => [{ title: "Matrix · Thicket" }];

/** What the empty state needs to say what is missing. */
async function setupCounts(services: AppServices, projectId: string) {
  const [[data], [keyed]] = await Promise.all([
    services.db.select({ n: count() }).from(datasets).where(eq(datasets.projectId, projectId)),
    services.db
      .select({ n: count() })
      .from(documents)
      .where(and(eq(documents.projectId, projectId), isNotNull(documents.caseKey))),
  ]);
  return { datasets: data?.n ?? 0, documentsWithCaseKey: keyed?.n ?? 0 };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    // Parent codes count their sub-codes' codings unless the reader turns it off (?subcodes=0).
    const search = new URL(request.url).searchParams;
    const subcodes = parseSubcodes(search.get("subcodes"), true);
    const [matrix, links, setup] = await Promise.all([
      buildMatrix(context.services, projectId, { subcodes }),
      linksForProject(context.services, projectId),
      setupCounts(context.services, projectId),
    ]);
    // The second view, when a sample of the segments' dataset exists (issue 16, ADR 0190).
    const sample = await matrixSample(context.services, projectId, matrix.segments);
    const view = sample && search.get("view") === "estimated" ? ("estimated" as const) : ("counted" as const);
    const estimated = sample && view === "estimated" ? await matrixEstimates(context.services, sample, matrix.segments, subcodes) : null;
    const resource = { kind: "project" as const, projectId, role };
    return {
      projectId,
      subcodes,
      matrix,
      sample,
      view,
      estimated,
      links,
      setup,
      canLink: can(user, "segments:edit", resource),
      canEditData: can(user, "datasets:edit", resource),
      canEditCodes: can(user, "codes:propose", resource),
    };
  });
}

const linkSchema = createLinkSchema.extend({ segmentId: z.string().min(1, "Choose a segment.") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent !== "link-code") throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    await requireProjectAccess(context, projectId, "segments:edit");
    const { codeId, segmentId, note } = parseForm(form, linkSchema);
    await linkCodeToSegment(context.services, projectId, user.id, { codeId, segmentId, note });
    return { ok: true as const, intent, message: "Code linked to the segment." };
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function MatrixPage() {
  const data = useLoaderData<typeof loader>();
  const { matrix, projectId } = data;
  const [measure, setMeasure] = useState<ShadeMeasure>("cases");
  const [selected, setSelected] = useState<SelectedCell | null>(null);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const cellOf = useMemo(() => cellLookup(matrix), [matrix]);
  const linked = useMemo(() => new Set(data.links.map((l) => cellKey(l.codeId, l.segmentId))), [data.links]);
  const select = useCallback((cell: SelectedCell, button: HTMLButtonElement) => {
    trigger.current = button;
    setSelected(cell);
  }, []);
  const close = useCallback(() => {
    setSelected(null);
    // Back to the cell that opened the panel, for keyboard users.
    trigger.current?.focus();
  }, []);

  const code = selected ? matrix.codes.find((c) => c.id === selected.codeId) : undefined;
  const segment = selected ? matrix.segments.find((s) => s.id === selected.segmentId) : undefined;
  const link = selected ? data.links.find((l) => l.codeId === selected.codeId && l.segmentId === selected.segmentId) : undefined;
  const hasTable = matrix.codes.length > 0 && matrix.segments.length > 0;
  const incomplete = !hasTable || data.setup.documentsWithCaseKey === 0;

  return (
    <section className={`mx-page${selected ? " mx-page--panel" : ""}`} aria-labelledby="matrix-heading">
      <div className="section-head">
        <h2 id="matrix-heading">Codes × segments</h2>
        <p className="meta">
          {matrix.codes.length} code{matrix.codes.length === 1 ? "" : "s"} · {matrix.segments.length} segment
          {matrix.segments.length === 1 ? "" : "s"}
          {data.canLink ? null : <span>· read only</span>}
        </p>
      </div>
      {incomplete ? (
        <MatrixSetup
          projectId={projectId}
          datasets={data.setup.datasets}
          segments={matrix.segments.length}
          codes={matrix.codes.length}
          documentsWithCaseKey={data.setup.documentsWithCaseKey}
          canEditData={data.canEditData}
          canEditSegments={data.canLink}
          canEditCodes={data.canEditCodes}
        />
      ) : null}
      {hasTable && data.sample ? (
        <nav className="est-tabs" aria-label="Matrix views">
          <Link
            to={`?subcodes=${data.subcodes ? 1 : 0}`}
            replace
            preventScrollReset
            aria-current={data.view === "counted" ? "page" : undefined}
            onClick={() => setSelected(null)}
          >
            Counted in coded documents
          </Link>
          <Link
            to={`?view=estimated&subcodes=${data.subcodes ? 1 : 0}`}
            replace
            preventScrollReset
            aria-current={data.view === "estimated" ? "page" : undefined}
            onClick={() => setSelected(null)}
          >
            Estimated in all rows
          </Link>
        </nav>
      ) : null}
      {hasTable && data.sample && data.estimated ? (
        <>
          <p className="meta est-note">
            From the done documents of sample <strong>{data.sample.name}</strong>, weighted by its design: each cell is the
            share of the segment&apos;s rows estimated to carry the code, with its 95% interval. Where the sample is too small,
            the cell says why instead of showing a number.
            {data.subcodes ? " Parent codes include their sub-codes." : null}
          </p>
          <EstimatesTable
            codes={matrix.codes}
            segments={data.estimated.segmentIds.map((id) => matrix.segments.find((s) => s.id === id)!)}
            estimates={data.estimated.estimates}
            sampleName={data.sample.name}
          />
        </>
      ) : null}
      {hasTable && !data.estimated ? (
        <>
          <MatrixLegend measure={measure} onMeasure={setMeasure} />
          <p className="mx-subcodes meta">
            {data.subcodes
              ? "Parent codes include the codings of their sub-codes. "
              : "Each code counts only its own codings. "}
            <Link to={`${data.view === "estimated" ? "?view=estimated&" : "?"}subcodes=${data.subcodes ? 0 : 1}`} replace preventScrollReset onClick={() => setSelected(null)}>
              {data.subcodes ? "Count each code on its own" : "Include sub-codes in their parents"}
            </Link>
          </p>
          <DownloadLinks
            href={(format) => `/api/v1/projects/${projectId}/matrix?subcodes=${data.subcodes}&format=${format}`}
            what="codes by segments matrix"
          />
          <div className="mx-layout">
            <MatrixTable
              projectId={projectId}
              matrix={matrix}
              measure={measure}
              linked={linked}
              selected={selected}
              onSelect={select}
            />
            {selected && code && segment ? (
              <CellPanel
                key={`${code.id}/${segment.id}/${data.subcodes}`}
                projectId={projectId}
                subcodes={data.subcodes}
                code={code}
                segment={segment}
                counts={cellOf(code.id, segment.id)}
                link={link}
                canLink={data.canLink}
                onClose={close}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
