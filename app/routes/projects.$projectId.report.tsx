import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useLoaderData } from "@remix-run/react";
import { AcceptedFinding } from "~/components/report/accepted-finding";
import { PrintButton } from "~/components/report/print-button";
import { ReportCover } from "~/components/report/report-cover";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { listFindings } from "~/lib/findings/findings.server";
import type { FindingVersion } from "~/lib/findings/types";
import { latestAccepted } from "~/lib/findings/versions.server";
import { HttpError } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { AppServices } from "~/lib/services.server";
import { recordAudit } from "~/lib/services/audit.server";
import { getProject } from "~/lib/services/projects.server";
import reportStyles from "~/styles/report.css?url";
import segmentStyles from "~/styles/segments.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: segmentStyles },
  { rel: "stylesheet", href: reportStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Findings report · ${data.projectName} · Thicket` : "Findings report · Thicket" },
];

/** The findings that have an accepted version: only those are in the report, drafts never. */
async function acceptedIds(services: AppServices, projectId: string): Promise<string[]> {
  const all = await listFindings(services, projectId);
  return all.filter((f) => f.acceptedVersion !== null).map((f) => f.id);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "findings:read");
    const { services } = context;
    const [project, ids] = await Promise.all([getProject(services.db, projectId), acceptedIds(services, projectId)]);
    const versions = (await Promise.all(ids.map((id) => latestAccepted(services, id)))).filter((v): v is FindingVersion => v !== null);
    // In the order they were accepted, so the numbering stays put as new findings are added.
    versions.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt));
    return { projectId, projectName: project?.name ?? "", generatedAt: new Date().toISOString(), findings: versions };
  });
}

/** intent=exported: the print button records who printed or saved the report, and which findings it held. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "findings:read");
    const form = await request.formData();
    if (form.get("intent") !== "exported") throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    // The ids are worked out here, not taken from the browser: the log says what the report held.
    const findingIds = await acceptedIds(context.services, projectId);
    await recordAudit(context.services.db, { projectId, actorId: user.id, action: "report.exported", detail: { findingIds } });
    return { ok: true as const };
  });
}

/** Recording the export changes nothing on the page: no need to gather the report again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "exported" ? false : defaultShouldRevalidate;

export default function ReportPage() {
  const { projectId, projectName, generatedAt, findings } = useLoaderData<typeof loader>();
  if (findings.length === 0) {
    return (
      <div className="empty" data-testid="report-empty">
        <h2>Nothing accepted yet</h2>
        <p>The report gathers the findings accepted in review. Once a reviewer accepts one, it appears here, ready to print.</p>
        <Link to={`/projects/${projectId}/findings`} className="btn">
          Go to the findings
        </Link>
      </div>
    );
  }
  const entries = findings.map((f, i) => ({ anchor: `finding-${i + 1}`, title: f.title, version: f.version }));
  return (
    <article className="report" aria-label="Findings report">
      <div className="report-actions">
        <Link to={`/projects/${projectId}/findings`}>Back to the findings</Link>
        <PrintButton />
      </div>
      <ReportCover projectName={projectName} generatedAt={generatedAt} entries={entries} />
      {findings.map((f, i) => (
        <section key={entries[i]!.anchor} id={entries[i]!.anchor} className="report-finding" data-testid="report-finding" aria-labelledby={`${entries[i]!.anchor}-title`}>
          <AcceptedFinding finding={f} titleLevel={2} titlePrefix={`${i + 1}. `} titleId={`${entries[i]!.anchor}-title`} />
        </section>
      ))}
    </article>
  );
}
