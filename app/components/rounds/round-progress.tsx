import { Link } from "@remix-run/react";
import type { RoundView } from "~/lib/rounds/rounds.server";

/**
 * The round's documents by coder: how many codings each coder has made in each. While the
 * round is open a coder sees only their own column (the server leaves the others out) and a
 * link to code each document in their layer.
 */
export function RoundProgress({ round, viewerId, compare }: { round: RoundView; viewerId: string; compare: boolean }) {
  const coding = round.status === "open" && round.coders.some((c) => c.id === viewerId);
  const base = `/projects/${round.projectId}`;
  const coderIds = round.coders.map((c) => c.id).join(",");
  return (
    <div className="table-wrap">
      <table className="table" data-testid="round-progress">
        <thead>
          <tr>
            <th scope="col">Document</th>
            {round.coders.map((c) => (
              <th key={c.id} scope="col" className="num">
                {c.id === viewerId ? `${c.name} (you)` : c.name}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {round.documents.map((d) => (
            <tr key={d.id}>
              <td>{d.title}</td>
              {round.coders.map((c) => (
                <td key={c.id} className="num">
                  {c.codings === null ? <span title="Hidden until the round is revealed">·</span> : (d.codingsByCoder[c.id] ?? 0)}
                </td>
              ))}
              <td>
                {coding ? (
                  <Link to={`${base}/rounds/${round.id}/documents/${d.id}`} className="btn btn--small" data-testid="round-code-link">
                    Code
                  </Link>
                ) : round.status === "revealed" ? (
                  <Link to={`${base}/documents/${d.id}${compare ? `?compare=${coderIds}` : ""}`}>Open, all coders</Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Codings in all</th>
            {round.coders.map((c) => (
              <td key={c.id} className="num">
                {c.codings ?? "·"}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
