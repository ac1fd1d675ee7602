import { Link } from "@remix-run/react";
import { useMemo } from "react";
import type { Matrix, MatrixSegment } from "~/lib/datasets/types";
import { formatCount, formatNumber, formatShare } from "../segments/format";
import { cellKey, cellLookup, withDepth, columnMaxima, shade, type ShadeMeasure } from "./matrix-model";

export interface SelectedCell {
  codeId: string;
  segmentId: string;
}

const measureWords: Record<ShadeMeasure, string> = { cases: "cases", documents: "documents", codings: "codings" };

/**
 * Codes down the side (codebook order, indented), segments across the top. The first column
 * and the header row stay in view while the table scrolls both ways, so a laptop screen can
 * hold many segments. Each cell is a button opening the excerpts behind it.
 */
export function MatrixTable({
  projectId,
  matrix,
  measure,
  linked,
  selected,
  onSelect,
}: {
  projectId: string;
  matrix: Matrix;
  measure: ShadeMeasure;
  /** cellKey()s of code↔segment pairs someone linked, marked in their cell. */
  linked: Set<string>;
  selected: SelectedCell | null;
  onSelect(cell: SelectedCell, trigger: HTMLButtonElement): void;
}) {
  const codes = useMemo(() => withDepth(matrix.codes), [matrix.codes]);
  const cellOf = useMemo(() => cellLookup(matrix), [matrix]);
  const maxima = useMemo(() => columnMaxima(matrix, measure), [matrix, measure]);
  return (
    <div className="mx-scroll" role="region" aria-label="Code by segment matrix">
      <table className="mx-table" data-testid="matrix">
        <thead>
          <tr>
            <th scope="col" className="mx-corner">
              <span>Code</span>
              <span className="mx-corner__segments">Segment →</span>
            </th>
            {matrix.segments.map((segment) => (
              <SegmentHeader key={segment.id} projectId={projectId} segment={segment} />
            ))}
          </tr>
        </thead>
        <tbody>
          {codes.map((code) => (
            <tr key={code.id}>
              <th scope="row" className="mx-code" style={{ paddingLeft: `${10 + code.depth * 16}px` }}>
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                {code.depth > 0 ? <span className="mx-code__branch" aria-hidden="true">↳</span> : null}
                <span className="mx-code__name">{code.name}</span>
              </th>
              {matrix.segments.map((segment) => {
                const cell = cellOf(code.id, segment.id);
                const alpha = shade(cell[measure], maxima.get(segment.id) ?? 0);
                const isSelected = selected?.codeId === code.id && selected.segmentId === segment.id;
                const isLinked = linked.has(cellKey(code.id, segment.id));
                return (
                  <td key={segment.id} className="mx-cell" style={{ ["--mx-shade" as string]: alpha.toFixed(3) }} data-shade={alpha > 0.6 ? "dark" : undefined}>
                    <button
                      type="button"
                      className={`mx-cell__button${isSelected ? " mx-cell__button--selected" : ""}${cell.codings === 0 ? " mx-cell__button--empty" : ""}`}
                      aria-pressed={isSelected}
                      aria-label={`${code.name} in ${segment.name}: ${cell.codings} coding${cell.codings === 1 ? "" : "s"}, ${cell.documents} document${cell.documents === 1 ? "" : "s"}, ${cell.cases} case${cell.cases === 1 ? "" : "s"}${isLinked ? ", linked" : ""}. Show excerpts.`}
                      data-testid={`cell-${code.name}-${segment.name}`}
                      onClick={(e) => onSelect({ codeId: code.id, segmentId: segment.id }, e.currentTarget)}
                    >
                      {cell.codings === 0 ? (
                        <span className="mx-cell__zero">0</span>
                      ) : (
                        <>
                          <span className="mx-cell__codings">{formatCount(cell.codings)}</span>
                          <span className="mx-cell__rest">
                            {" · "}
                            {formatCount(cell.documents)} doc{cell.documents === 1 ? "" : "s"}
                            {" · "}
                            {formatCount(cell.cases)} case{cell.cases === 1 ? "" : "s"}
                          </span>
                        </>
                      )}
                      {isLinked ? (
                        <span className="mx-cell__linked" title="This code is linked to this segment" aria-hidden="true" />
                      ) : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="visually-hidden">Cells are shaded by {measureWords[measure]}, relative to the largest cell in the same column.</p>
    </div>
  );
}

function SegmentHeader({ projectId, segment }: { projectId: string; segment: MatrixSegment }) {
  return (
    <th scope="col" className="mx-seg">
      <Link to={`/projects/${projectId}/segments/${segment.id}`} className="mx-seg__name">
        {segment.name}
      </Link>
      <span className="mx-seg__size">
        {formatCount(segment.size)} rows · {formatShare(segment.size, segment.datasetRows)}
      </span>
      {segment.highlights.length > 0 ? (
        <ul className="mx-seg__highlights" aria-label={`Key numbers of ${segment.name}`}>
          {segment.highlights.slice(0, 3).map((h) => (
            <li key={h.column}>
              <span className="mx-seg__col">{h.column}</span> {formatNumber(h.inside)}
              <span className="mx-seg__rest"> (rest {formatNumber(h.outside)})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </th>
  );
}
