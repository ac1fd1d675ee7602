import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/documents/local-time";
import { RoundStatusBadge } from "~/components/rounds/round-status";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { listRounds } from "~/lib/rounds/rounds.server";
import roundStyles from "~/styles/rounds.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundStyles }];

export const meta: MetaFunction = () => [{ title: "Coding rounds · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    return {
      projectId,
      rounds: await listRounds(context.services, projectId, { userId: user.id, role }),
      canManage: can(user, "rounds:manage", { kind: "project", projectId, role }),
    };
  });
}

export default function RoundsList() {
  const { projectId, rounds, canManage } = useLoaderData<typeof loader>();
  const base = `/projects/${projectId}/rounds`;
  return (
    <section aria-labelledby="rounds-heading">
      <div className="section-head">
        <h2 id="rounds-heading">Coding rounds</h2>
        {canManage && rounds.length > 0 ? (
          <Link to={`${base}/new`} className="btn" data-testid="new-round-link">
            Start a round
          </Link>
        ) : null}
      </div>
      {rounds.length === 0 ? (
        <div className="empty" data-testid="rounds-empty">
          <h2>No coding rounds yet</h2>
          <p>
            In a round, two or more coders code the same documents independently: each sees only their own codings until a
            researcher reveals the round. Then everyone&apos;s codings sit side by side and agreement between the coders can be
            measured.
          </p>
          {canManage ? (
            <Link to={`${base}/new`} className="btn" data-testid="new-round-link">
              Start a round
            </Link>
          ) : (
            <p className="hint">A researcher starts rounds; the ones you are asked to code in appear here.</p>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="rounds-table">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Coders</th>
                <th scope="col" className="num">Documents</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id} data-testid="round-row">
                  <td>
                    <Link to={`${base}/${r.id}`}>{r.name}</Link>
                  </td>
                  <td data-label="Status">
                    <RoundStatusBadge status={r.status} />
                  </td>
                  <td className="num" data-label="Coders">
                    {r.coders.length}
                  </td>
                  <td className="num" data-label="Documents">
                    {r.documents.length}
                  </td>
                  <td data-label="Started">
                    <LocalTime value={r.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
