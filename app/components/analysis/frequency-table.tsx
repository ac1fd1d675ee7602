import { useMemo } from "react";
import { withDepth } from "~/components/matrix/matrix-model";
import { formatCount } from "~/components/segments/format";
import type { Frequencies } from "~/lib/analysis/frequencies.server";

export type FrequencyMeasure = "codings" | "documents";

const cellKey = (codeId: string, column: string | null) => `${codeId}\u0000${column ?? "\u0001"}`;

/**
 * Codes down the side (codebook order, indented, with their colour), a total column, then one
 * column per document or attribute value. Header row and first column stay in view while the
 * table scrolls (the matrix's sticky table), so many documents still fit a laptop screen.
 */
export function FrequencyTable({ projectId, table, measure }: { projectId: string; table: Frequencies; measure: FrequencyMeasure }) {
  const codes = useMemo(() => withDepth(table.codes), [table.codes]);
  const cells = useMemo(() => new Map(table.cells.map((c) => [cellKey(c.codeId, c.column), c])), [table.cells]);
  const unit = measure === "codings" ? "coding" : "document";
  const columnWord = table.by === "document" ? "Document" : (table.attribute ?? "Value");
  return (
    <div className="mx-scroll" role="region" aria-label={`Code ${measure} by ${columnWord.toLowerCase()}`}>
      <table className="mx-table" data-testid="frequency-table">
        <thead>
          <tr>
            <th scope="col" className="mx-corner">
              <span>Code</span>
              <span className="mx-corner__segments">{columnWord} →</span>
            </th>
            <th scope="col" className="an-col an-total">
              Total
              <span className="an-col__n">
                {formatCount(table.totals.documents)} doc{table.totals.documents === 1 ? "" : "s"}
              </span>
            </th>
            {table.columns.map((col) => (
              <th scope="col" key={col.key ?? ""} className={`an-col${col.key === null ? " an-col--none" : ""}`}>
                {table.by === "document" && col.key ? (
                  <a href={`/projects/${projectId}/documents/${col.key}`}>{col.label}</a>
                ) : (
                  col.label
                )}
                {table.by === "attribute" ? (
                  <span className="an-col__n">
                    {formatCount(col.documents)} doc{col.documents === 1 ? "" : "s"}
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {codes.map((code) => (
            <tr key={code.id} data-testid={`frequency-row-${code.name}`}>
              <th scope="row" className="mx-code" style={{ paddingLeft: `${10 + code.depth * 16}px` }}>
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                {code.depth > 0 ? <span className="mx-code__branch" aria-hidden="true">↳</span> : null}
                <span className="mx-code__name">{code.name}</span>
              </th>
              <Count value={code[measure]} total />
              {table.columns.map((col) => (
                <Count key={col.key ?? ""} value={cells.get(cellKey(code.id, col.key))?.[measure] ?? 0} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="visually-hidden">Each cell counts {unit}s of the code in the column.</p>
    </div>
  );
}

function Count({ value, total = false }: { value: number; total?: boolean }) {
  return <td className={`an-num${value === 0 ? " an-num--zero" : ""}${total ? " an-total" : ""}`}>{formatCount(value)}</td>;
}
