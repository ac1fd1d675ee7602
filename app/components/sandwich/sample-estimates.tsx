import type { CodeEstimates } from "~/lib/sandwich/schemas";
import { IntervalBar } from "./interval-bar";

/**
 * The sample page's answer to "how many of all rows?": each code's share of the whole table
 * from the sample's done documents, with its 95% interval or the reason there is none.
 */
export function SampleEstimates({ estimates, codeNames }: { estimates: CodeEstimates[]; codeNames: Record<string, string> }) {
  if (estimates.length === 0) return <p className="empty">The project has no codes yet: add codes and code the sample&apos;s documents.</p>;
  return (
    <div className="table-wrap">
      <table className="table est-sample" aria-label="Estimated share of all rows">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col" className="num">Done</th>
            <th scope="col" className="num">With the code</th>
            <th scope="col">Share of all {estimates[0]!.overall.population.toLocaleString("en-GB")} rows (95% interval)</th>
          </tr>
        </thead>
        <tbody>
          {estimates.map((e) => (
            <tr key={e.codeId}>
              <th scope="row">{codeNames[e.codeId] ?? "Code"}</th>
              <td className="num">{e.overall.done.toLocaleString("en-GB")}</td>
              <td className="num">{e.overall.positives.toLocaleString("en-GB")}</td>
              <td>
                <IntervalBar figure={e.overall} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
