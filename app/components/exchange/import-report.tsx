import { Link } from "@remix-run/react";
import type { ImportReport } from "~/lib/refi/import-report";

/** What an import created, and everything it left out with the reason ("What was not imported"). */
export function ImportReportPanel({ projectId, name, report }: { projectId: string; name: string; report: ImportReport }) {
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
  return (
    <section className="card" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading">{`“${name}” is imported`}</h2>
      <ul aria-label="Imported">
        <li>{count(report.codes, "code", "codes")}</li>
        <li>{count(report.sources, "document", "documents")}</li>
        <li>{count(report.codings, "coding", "codings")}</li>
      </ul>
      <p>
        <Link className="btn" to={`/projects/${projectId}`}>
          Open the project
        </Link>
      </p>
      {report.warnings.length > 0 && (
        <>
          <h3 id="import-warnings-heading">Worth checking</h3>
          <ul aria-labelledby="import-warnings-heading">
            {report.warnings.map((item, i) => (
              <li key={i}>
                <strong>{item.what}</strong>: {item.why}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 id="import-skipped-heading">What was not imported</h3>
      {report.skipped.length === 0 ? (
        <p>Everything in the file was imported.</p>
      ) : (
        <table aria-labelledby="import-skipped-heading">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.skipped.map((item, i) => (
              <tr key={i}>
                <td>{item.what}</td>
                <td>{item.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
