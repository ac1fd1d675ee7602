import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/documents/local-time";
import { StatusBadge } from "~/components/findings/status-badge";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { findingStatusFilter } from "~/lib/findings/finding-input";
import { countFindings, listFindings } from "~/lib/findings/findings.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import findingStyles from "~/styles/findings.css?url";
import { findingStatuses, findingStatusLabels, type FindingStatus } from "../../db/finding-kinds";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingStyles }];

export const meta: MetaFunction = () => [{ title: "Findings · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "findings:read");
    // An unknown ?status= shows them all rather than an error page.
    const parsed = findingStatusFilter.safeParse(new URL(request.url).searchParams.get("status") ?? undefined);
    const status = parsed.success ? parsed.data : undefined;
    const [findings, counts] = await Promise.all([listFindings(context.services, projectId, status), countFindings(context.services, projectId)]);
    return {
      projectId,
      findings,
      counts,
      status: status ?? ("all" as const),
      canEdit: can(user, "findings:edit", { kind: "project", projectId, role }),
    };
  });
}

const tabs: Array<FindingStatus | "all"> = ["all", ...findingStatuses];

function EmptyState({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  return (
    <div className="empty" data-testid="findings-empty">
      <h2>No findings yet</h2>
      <p>
        A finding is a claim you can stand behind: a sentence or two about what you found, with its evidence beside it — a segment of
        the data and its numbers, a code and how often it comes up, and the participants’ own words. A reviewer accepts it before it
        goes into the report.
      </p>
      {canEdit ? (
        <Link to={`/projects/${projectId}/findings/new`} className="btn" data-testid="new-finding-link">
          New finding
        </Link>
      ) : (
        <p className="hint">Researchers write findings; you will see them here when they do.</p>
      )}
    </div>
  );
}

export default function FindingsList() {
  const { projectId, findings, counts, status, canEdit } = useLoaderData<typeof loader>();
  const base = `/projects/${projectId}/findings`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <section className="fd-list-page" aria-labelledby="findings-heading">
      <div className="section-head">
        <h2 id="findings-heading">Findings</h2>
        <div className="button-row">
          <Link to={`/projects/${projectId}/report`} className="btn btn--secondary">
            Report
          </Link>
          {canEdit && total > 0 ? (
            <Link to={`${base}/new`} className="btn" data-testid="new-finding-link">
              New finding
            </Link>
          ) : null}
        </div>
      </div>
      {total === 0 ? (
        <EmptyState projectId={projectId} canEdit={canEdit} />
      ) : (
        <>
          <nav className="fd-tabs" aria-label="By status">
            {tabs.map((s) => (
              <Link key={s} to={s === "all" ? base : `${base}?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {s === "all" ? "All" : findingStatusLabels[s]} <span className="fd-count">{s === "all" ? total : counts[s]}</span>
              </Link>
            ))}
          </nav>
          {findings.length === 0 ? (
            <p className="hint fd-none">
              No finding is “{status === "all" ? "" : findingStatusLabels[status]}” right now. <Link to={base}>Show all findings</Link>
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table fd-table" data-testid="findings-table">
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Version</th>
                    <th scope="col" className="num">Evidence</th>
                    <th scope="col">Author</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.map((f) => (
                    <tr key={f.id} data-testid="finding-row">
                      <td className="fd-table__title">
                        <Link to={`${base}/${f.id}`}>{f.title}</Link>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={f.status} />
                      </td>
                      <td className="num" data-label="Version">
                        {f.version}
                        {f.acceptedVersion !== null && f.acceptedVersion !== f.version ? (
                          <span className="fd-muted fd-table__accepted"> (v{f.acceptedVersion} accepted)</span>
                        ) : null}
                      </td>
                      <td className="num" data-label="Evidence">
                        {f.evidenceCount}
                      </td>
                      <td data-label="Author">{f.createdBy?.name ?? "A former member"}</td>
                      <td className="fd-table__date" data-label="Updated">
                        <LocalTime value={f.updatedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
