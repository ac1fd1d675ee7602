import { shadeMeasures, type ShadeMeasure } from "./matrix-model";

const labels: Record<ShadeMeasure, string> = { cases: "Cases", documents: "Documents", codings: "Codings" };

/** What the three numbers in a cell are, what the shading means, and which count drives it. */
export function MatrixLegend({ measure, onMeasure }: { measure: ShadeMeasure; onMeasure(m: ShadeMeasure): void }) {
  return (
    <div className="mx-legend" data-testid="matrix-legend">
      <p className="mx-legend__cell">
        <span className="mx-legend__sample" aria-hidden="true">
          <strong>12</strong> · 5 docs · 4 cases
        </span>
        <span>
          In each cell: <strong>codings</strong> of the code in documents of the segment’s cases · the distinct{" "}
          <strong>documents</strong> they are in · the distinct <strong>cases</strong> (dataset rows, matched by the
          documents’ case key). A case counts in a segment when its row matches the segment’s filter.
        </span>
      </p>
      <fieldset className="mx-legend__shade">
        <legend>Shade cells by</legend>
        {shadeMeasures.map((m) => (
          <label key={m} className="mx-legend__option">
            <input type="radio" name="shade" value={m} checked={measure === m} onChange={() => onMeasure(m)} />
            {labels[m]}
          </label>
        ))}
        <span className="mx-legend__scale" aria-hidden="true">
          <span className="mx-legend__swatch" style={{ ["--mx-shade" as string]: "0.12" }} />
          <span className="mx-legend__swatch" style={{ ["--mx-shade" as string]: "0.56" }} />
          <span className="mx-legend__swatch" style={{ ["--mx-shade" as string]: "1" }} />
        </span>
        <span className="hint">
          Darker = more {measure} relative to the largest cell in the same segment’s column (the column’s largest is the
          darkest). To compare across segments, open a cell: it tests whether the code is over- or under-represented.
        </span>
      </fieldset>
    </div>
  );
}
