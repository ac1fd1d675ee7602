import { Link } from "@remix-run/react";
import { documentKindLabels, type DocumentKind } from "../../../db/kinds";
import { ConfirmDialog } from "../confirm-dialog";
import { LocalTime } from "./local-time";

export interface DocumentRow {
  id: string;
  title: string;
  kind: DocumentKind;
  caseKey: string | null;
  codingCount: number;
  length: number;
  updatedAt: string | Date;
  review: "pending" | "accepted" | "rejected" | null;
  /** Marked fully coded (issue 16). */
  done?: boolean;
}

const reviewBadges = {
  pending: { label: "Awaiting review", title: "A contribution waiting in the inbox" },
  accepted: { label: "Accepted", title: "A contribution a researcher accepted" },
  rejected: { label: "Rejected", title: "A rejected contribution: it does not count in the matrix" },
} as const;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The project's documents; people who edit documents get a delete button on each row. */
export function DocumentTable({
  projectId,
  documents,
  canEdit,
}: {
  projectId: string;
  documents: DocumentRow[];
  canEdit: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="table doc-table" aria-label="Documents">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Kind</th>
            <th scope="col">Case</th>
            <th scope="col" className="num">Codings</th>
            <th scope="col">Done</th>
            <th scope="col" className="num">Length</th>
            <th scope="col">Last updated</th>
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id} data-testid="document-row">
              <td className="doc-table__title">
                <Link to={`/projects/${projectId}/documents/${d.id}`}>{d.title}</Link>
                {d.review ? (
                  <span className={`review-badge review-badge--${d.review}`} title={reviewBadges[d.review].title}>
                    {reviewBadges[d.review].label}
                  </span>
                ) : null}
              </td>
              <td data-label="Kind">
                <span className={`kind kind--${d.kind}`}>{documentKindLabels[d.kind]}</span>
              </td>
              <td data-label="Case">{d.caseKey ? <code className="case-key">{d.caseKey}</code> : <span className="meta">—</span>}</td>
              <td className="num" data-label="Codings">{d.codingCount.toLocaleString("en-GB")}</td>
              <td data-label="Done" data-testid="document-done">
                {d.done ? <span title="Marked fully coded">✓ Done</span> : <span className="meta">—</span>}
              </td>
              <td className="num" data-label="Length" title={plural(d.length, "character")}>
                {compactLength(d.length)}
              </td>
              <td className="doc-table__date" data-label="Updated">
                <LocalTime value={d.updatedAt} />
              </td>
              {canEdit ? (
                <td className="actions">
                  <ConfirmDialog
                    trigger={
                      <>
                        Delete<span className="visually-hidden"> {d.title}</span>
                      </>
                    }
                    triggerClassName="btn btn--ghost btn--small btn--quiet-danger"
                    title={`Delete “${d.title}”?`}
                    confirmLabel="Delete document"
                    fields={{ intent: "delete-document", documentId: d.id }}
                  >
                    <p>
                      {d.codingCount === 0
                        ? "It has no codings."
                        : d.codingCount === 1
                          ? "Its 1 coding goes with it, for everyone in the project."
                          : `Its ${plural(d.codingCount, "coding")} go with it, for everyone in the project.`}{" "}
                      This cannot be undone.
                    </p>
                  </ConfirmDialog>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 950 → "950 chars", 12 400 → "12.4k chars": enough to tell a note from a long interview. */
function compactLength(n: number): string {
  if (n < 1000) return `${n} chars`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0).replace(/\.0$/, "")}k chars`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, "")}M chars`;
}
