import type { MatrixCode, MatrixSegment } from "~/lib/datasets/types";
import type { CodeEstimates } from "~/lib/sandwich/schemas";
import { IntervalBar } from "./interval-bar";

/** The matrix's "Estimated in all rows" view: each code's share of each segment's rows. */
export function EstimatesTable({
  codes,
  segments,
  estimates,
  sampleName,
}: {
  codes: MatrixCode[];
  segments: MatrixSegment[];
  estimates: CodeEstimates[];
  sampleName: string;
}) {
  const byCode = new Map(estimates.map((e) => [e.codeId, e]));
  if (segments.length === 0) return <p className="meta">No segments of the sample&apos;s dataset to estimate in yet.</p>;
  return (
    <div className="mx-scroll">
      <table className="mx-table est-table">
        <caption className="visually-hidden">
          Share of each segment&apos;s rows estimated to carry each code, from the done documents of sample {sampleName}, with 95% intervals
        </caption>
        <thead>
          <tr>
            <th scope="col" className="mx-corner">
              <span>Codes</span>
              <span className="mx-corner__segments">share of all rows, 95% interval</span>
            </th>
            {segments.map((s) => (
              <th key={s.id} scope="col" className="mx-seg">
                <span className="mx-seg__name">{s.name}</span>
                <span className="mx-seg__size">{s.size.toLocaleString("en")} rows</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {codes.map((code) => {
            const e = byCode.get(code.id);
            return (
              <tr key={code.id}>
                <th scope="row" className="mx-code">
                  <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                  <span className="mx-code__name">{code.name}</span>
                </th>
                {segments.map((s, i) => {
                  const g = e?.groups[i];
                  return (
                    <td key={s.id} className="est-cell">
                      {g ? (
                        <>
                          <IntervalBar figure={g} />
                          <span className="est-cell__counts">
                            {g.positives} of {g.done} coded
                          </span>
                        </>
                      ) : (
                        <span className="est-reason">No estimate.</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
