import { Link } from "@remix-run/react";
import type { CellValue, DatasetColumn } from "~/lib/datasets/types";

export interface CaseRow {
  dataset: { id: string; name: string; key: string; columns: DatasetColumn[] };
  row: Record<string, CellValue> | null;
}

/** A cell as a reader wants it: thousands separators, at most two decimals, yes/no. */
export function formatCell(value: CellValue, type: DatasetColumn["type"]): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    return value.toLocaleString("en-GB", type === "integer" ? { maximumFractionDigits: 0 } : { maximumFractionDigits: 2 });
  }
  return value;
}

/**
 * The case's row of numbers: for each dataset of the project, the row whose key is this
 * document's case key. Compact and collapsible, beside the document's details.
 */
export function CasePanel({ projectId, caseKey, rows }: { projectId: string; caseKey: string | null; rows: CaseRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section className="card thk-side-card case-panel" aria-labelledby="case-panel-heading">
      <details open={caseKey !== null}>
        <summary>
          <h2 id="case-panel-heading">{caseKey ? `Case ${caseKey} in the data` : "Case data"}</h2>
        </summary>
        {caseKey === null ? (
          <p className="meta">Set a case key in Details to see this case’s row of numbers.</p>
        ) : (
          rows.map(({ dataset, row }) => (
            <div key={dataset.id} className="case-panel__dataset">
              <h3>
                <Link to={`/projects/${projectId}/data/${dataset.id}`}>{dataset.name}</Link>
              </h3>
              {row ? (
                <dl className="case-panel__row">
                  {dataset.columns
                    .filter((c) => c.name !== dataset.key)
                    .map((c) => (
                      <div key={c.name} className="case-panel__cell">
                        <dt>{c.name}</dt>
                        <dd className={c.type === "integer" || c.type === "number" ? "num" : undefined}>
                          {formatCell(row[c.name] ?? null, c.type)}
                        </dd>
                      </div>
                    ))}
                </dl>
              ) : (
                <p className="meta">{`No row with key ${caseKey} in ${dataset.name}.`}</p>
              )}
            </div>
          ))
        )}
      </details>
    </section>
  );
}
