import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { failureFor, FormError } from "~/components/forms";
import { withDepth } from "~/components/matrix/matrix-model";
import { ComparisonChart } from "~/components/segments/comparison-chart";
import { ComparisonTable } from "~/components/segments/comparison-table";
import { formatCount, formatNumber, formatShare } from "~/components/segments/format";
import { segmentFieldFor } from "~/components/segments/segment-errors.server";
import { SegmentForm } from "~/components/segments/segment-form";
import { SegmentLinks } from "~/components/segments/segment-links";
import { requireLinkAccess, requireSegmentAccess } from "~/lib/auth/segment-guard.server";
import { can, type ProjectAction } from "~/lib/auth/permissions";
import { describeFilter } from "~/lib/datasets/filter";
import { linkCodeToSegment, linksForSegment, unlink } from "~/lib/datasets/links.server";
import { hierarchyOrder } from "~/lib/datasets/matrix.server";
import { projectDataset } from "~/lib/datasets/query.server";
import { createLinkSchema, createSegmentSchema } from "~/lib/datasets/segment-input";
import { deleteSegment, getSegment, updateSegment } from "~/lib/datasets/segments.server";
import { publicColumns } from "~/lib/datasets/sql.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { RequestContext } from "~/lib/services.server";
import { listCodes } from "~/lib/services/codes.server";
import segmentStyles from "~/styles/segments.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: segmentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.segment.name} · Segments · Thicket` : "Segment · Thicket" },
];

/** A segment of this project, checked for `action`; another project's segment is a 404 here. */
async function access(context: RequestContext, params: LoaderFunctionArgs["params"], action: ProjectAction) {
  const found = await requireSegmentAccess(context, params.segmentId!, action);
  if (found.projectId !== params.projectId) throw notFound("Segment not found.");
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    const { role, projectId } = await access(context, params, "documents:read");
    const { services } = context;
    const segment = await getSegment(services, params.segmentId!);
    const canEdit = can(user, "segments:edit", { kind: "project", projectId, role });
    const [links, dataset, codes] = await Promise.all([
      linksForSegment(services, segment.id),
      projectDataset(services.db, projectId, segment.datasetId),
      canEdit ? listCodes(services, projectId) : Promise.resolve([]),
    ]);
    return {
      projectId,
      segment,
      sentence: describeFilter(segment.filter),
      dataset: { id: dataset.id, name: dataset.name, rowCount: dataset.rowCount, columns: publicColumns(dataset) },
      links,
      codes: withDepth(hierarchyOrder(codes)).map(({ id, name, color, depth }) => ({ id, name, color, depth })),
      canEdit,
    };
  });
}

const updateSchema = createSegmentSchema.pick({ name: true });
const unlinkSchema = z.object({ linkId: z.string().min(1) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const { services } = context;
  const segmentId = params.segmentId!;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    const { projectId } = await access(context, params, "segments:edit");
    switch (intent) {
      case "update-segment": {
        const { name } = parseForm(form, updateSchema);
        const text = String(form.get("filter") ?? "");
        let filter: unknown = text;
        try {
          filter = JSON.parse(text);
        } catch {
          // Left as text: the service answers 422 for it.
        }
        const segment = await updateSegment(services, segmentId, { name, filter });
        return { ok: true as const, intent, message: `Segment “${segment.name}” saved.` };
      }
      case "delete-segment": {
        await deleteSegment(services, segmentId);
        return redirect(`/projects/${projectId}/data`);
      }
      case "link-code": {
        const { codeId, note } = parseForm(form, createLinkSchema);
        const link = await linkCodeToSegment(services, projectId, user.id, { codeId, segmentId, note });
        return { ok: true as const, intent, message: `“${link.codeName}” is linked to this segment.` };
      }
      case "unlink": {
        const { linkId } = parseForm(form, unlinkSchema);
        const found = await requireLinkAccess(context, linkId, "segments:edit");
        if (found.projectId !== projectId) throw notFound("Link not found.");
        await unlink(services, linkId);
        return { ok: true as const, intent, message: "Link removed." };
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form, (e) =>
      intent === "update-segment" ? segmentFieldFor(e) : intent === "link-code" && e.code === "duplicate_link" ? "codeId" : undefined,
    );
  }
}

export default function SegmentPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const idle = useNavigation().state === "idle";
  const { segment, projectId } = data;
  const editFailure = failureFor(result, "update-segment");
  const [editing, setEditing] = useState(Boolean(editFailure));
  useEffect(() => {
    if (editFailure) setEditing(true);
  }, [editFailure]);
  useEffect(() => {
    if (idle && result && "ok" in result && result.ok && result.intent === "update-segment") setEditing(false);
  }, [idle, result]);
  const message = idle && result && "message" in result ? result.message : undefined;
  const linkFailure = failureFor(result, "link-code") ?? failureFor(result, "unlink");
  const otherFailure = failureFor(result, "delete-segment");

  return (
    <div className="seg-page">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${projectId}/data`}>Data &amp; segments</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <div className="section-head">
        <h2 data-testid="segment-name">{segment.name}</h2>
        {data.canEdit ? (
          <div className="button-row">
            <button type="button" className="btn btn--secondary btn--small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
              {editing ? "Cancel editing" : "Edit or rename"}
            </button>
            <ConfirmDialog trigger="Delete…" title={`Delete the segment “${segment.name}”?`} confirmLabel="Delete segment" fields={{ intent: "delete-segment" }}>
              <p>
                The segment leaves the matrix{data.links.length > 0 ? `, and its ${data.links.length} code link${data.links.length === 1 ? "" : "s"} go with it` : ""}. The
                dataset itself is not changed.
              </p>
            </ConfirmDialog>
          </div>
        ) : (
          <span className="meta">Read only</span>
        )}
      </div>
      <div role="status" aria-live="polite" className={message ? "alert alert--success" : "visually-hidden"}>
        {message}
      </div>
      <FormError state={otherFailure} summarize />

      {editing && data.canEdit ? (
        <div className="card">
          <h3>Edit segment</h3>
          <SegmentForm
            key={segment.filter ? JSON.stringify(segment.filter) : "edit"}
            projectId={projectId}
            datasets={[data.dataset]}
            initial={{ datasetId: segment.datasetId, name: segment.name, filter: segment.filter }}
            state={editFailure}
            intent="update-segment"
            submitLabel="Save changes"
            pendingLabel="Saving…"
          />
        </div>
      ) : null}

      <section className="card seg-summary" aria-label="Segment summary">
        <p className="seg-summary__sentence" data-testid="segment-filter">
          Rows of <strong>{segment.datasetName}</strong> where {data.sentence}.
        </p>
        <p className="seg-summary__size" data-testid="segment-size">
          <strong>{formatCount(segment.size)}</strong> of {formatCount(segment.datasetRows)} rows (
          {formatShare(segment.size, segment.datasetRows)})
        </p>
      </section>

      <section className="card" aria-labelledby="segment-numbers-heading">
        <h2 id="segment-numbers-heading">Its numbers beside the rest</h2>
        <div className="seg-numbers">
          <ComparisonTable comparison={segment.comparison} caption={`Mean inside “${segment.name}” vs the rest of ${segment.datasetName}`} />
          <ComparisonChart comparison={segment.comparison} />
        </div>
        {Object.keys(segment.stats).length > 0 ? (
          <details className="seg-stats">
            <summary>Median, minimum and maximum inside the segment</summary>
            <div className="table-wrap">
              <table className="table seg-compare">
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col" className="num">Median</th>
                    <th scope="col" className="num">Min</th>
                    <th scope="col" className="num">Max</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(segment.stats).map(([column, s]) => (
                    <tr key={column}>
                      <th scope="row">{column}</th>
                      <td className="num">{formatNumber(s.median)}</td>
                      <td className="num">{formatNumber(s.min)}</td>
                      <td className="num">{formatNumber(s.max)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null}
      </section>

      <SegmentLinks projectId={projectId} links={data.links} codes={data.codes} canEdit={data.canEdit} state={linkFailure} />
      <p className="hint">
        See how the codes spread over this and the other segments in the <Link to={`/projects/${projectId}/matrix`}>matrix</Link>.
      </p>
    </div>
  );
}
