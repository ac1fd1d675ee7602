import { useMemo } from "react";
import { shade, withDepth } from "~/components/matrix/matrix-model";
import { formatCount } from "~/components/segments/format";
import type { Cooccurrence } from "~/lib/analysis/cooccurrence.server";

export interface SelectedPair {
  a: string;
  b: string;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Codes × codes, both in codebook order. Off the diagonal, the pairs of codings of the two codes
 * that co-occur, shaded against the largest cell; each opens the passages behind it. On the
 * diagonal, set apart, each code's own number of codings: what its row's pairs come out of.
 */
export function CooccurrenceTable({
  matrix,
  parents,
  codings,
  selected,
  onSelect,
}: {
  matrix: Cooccurrence;
  /** Each code's parent, for the indent of the row headers. */
  parents: Map<string, string | null>;
  /** Each code's codings in the documents looked at, shown on the diagonal. */
  codings: Map<string, number>;
  selected: SelectedPair | null;
  onSelect(pair: SelectedPair, trigger: HTMLButtonElement): void;
}) {
  const codes = useMemo(() => withDepth(matrix.codes.map((c) => ({ ...c, parentId: parents.get(c.id) ?? null }))), [matrix.codes, parents]);
  const cells = useMemo(() => new Map(matrix.cells.map((c) => [pairKey(c.a, c.b), c])), [matrix.cells]);
  const max = useMemo(() => Math.max(0, ...matrix.cells.map((c) => c.pairs)), [matrix.cells]);
  return (
    <div className="mx-scroll" role="region" aria-label="Code co-occurrence matrix">
      <table className="mx-table" data-testid="cooccurrence-matrix">
        <thead>
          <tr>
            <th scope="col" className="mx-corner">
              <span>Code</span>
              <span className="mx-corner__segments">with code →</span>
            </th>
            {codes.map((code) => (
              <th scope="col" key={code.id} className="an-col">
                <span className="swatch" style={{ background: code.color, display: "inline-block", marginRight: 4 }} aria-hidden="true" />
                {code.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {codes.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="mx-code" style={{ paddingLeft: `${10 + row.depth * 16}px` }}>
                <span className="swatch" style={{ background: row.color }} aria-hidden="true" />
                {row.depth > 0 ? <span className="mx-code__branch" aria-hidden="true">↳</span> : null}
                <span className="mx-code__name">{row.name}</span>
              </th>
              {codes.map((col) => {
                if (col.id === row.id) {
                  const own = codings.get(row.id) ?? 0;
                  return (
                    <td key={col.id} className="an-diag" title={`${row.name}: ${own} coding${own === 1 ? "" : "s"} in all`}>
                      <span aria-label={`${row.name}: ${own} codings in all`}>({formatCount(own)})</span>
                    </td>
                  );
                }
                const cell = cells.get(pairKey(row.id, col.id));
                const pairs = cell?.pairs ?? 0;
                const alpha = shade(pairs, max);
                const isSelected = selected?.a === row.id && selected.b === col.id;
                return (
                  <td key={col.id} className="mx-cell an-cell" style={{ ["--mx-shade" as string]: alpha.toFixed(3) }} data-shade={alpha > 0.6 ? "dark" : undefined}>
                    <button
                      type="button"
                      className={`mx-cell__button${isSelected ? " mx-cell__button--selected" : ""}${pairs === 0 ? " mx-cell__button--empty" : ""}`}
                      aria-pressed={isSelected}
                      aria-label={`${row.name} with ${col.name}: ${pairs} pair${pairs === 1 ? "" : "s"} in ${cell?.documents ?? 0} document${cell?.documents === 1 ? "" : "s"}. Show passages.`}
                      data-testid={`pair-${row.name}-${col.name}`}
                      onClick={(e) => onSelect({ a: row.id, b: col.id }, e.currentTarget)}
                    >
                      {pairs === 0 ? <span className="mx-cell__zero">0</span> : <span className="mx-cell__codings">{formatCount(pairs)}</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
