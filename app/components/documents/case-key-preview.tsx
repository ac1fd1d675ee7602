import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { plural } from "./document-table";

interface Change {
  line: number;
  documentId: string;
  title: string;
  from: string | null;
  to: string | null;
}

export interface CaseKeyPreviewData {
  changes: Change[];
  unchanged: Change[];
  unmatched: { line: number; document: string }[];
  ambiguous: { line: number; document: string; matches: number }[];
}

const Key = ({ value }: { value: string | null }) =>
  value === null ? <span className="meta">none</span> : <code className="case-key">{value}</code>;

/** What a case-key CSV would change, and the button that applies it (the CSV rides along). */
export function CaseKeyPreview({ projectId, csv, plan }: { projectId: string; csv: string; plan: CaseKeyPreviewData }) {
  const docPath = (id: string) => `/projects/${projectId}/documents/${id}`;
  return (
    <section className="card case-keys__preview" aria-labelledby="case-preview-heading">
      <h3 id="case-preview-heading">Preview</h3>
      <ul className="case-keys__summary" aria-label="Summary">
        <li><strong>{plan.changes.length}</strong> to change</li>
        <li><strong>{plan.unchanged.length}</strong> unchanged</li>
        <li className={plan.unmatched.length ? "case-keys__warn" : undefined}><strong>{plan.unmatched.length}</strong> unmatched</li>
        <li className={plan.ambiguous.length ? "case-keys__warn" : undefined}><strong>{plan.ambiguous.length}</strong> ambiguous</li>
      </ul>
      {plan.changes.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Changes">
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Document</th>
                <th scope="col">Case key now</th>
                <th scope="col">New case key</th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((c) => (
                <tr key={c.documentId}>
                  <td className="num">{c.line}</td>
                  <td><Link to={docPath(c.documentId)}>{c.title}</Link></td>
                  <td><Key value={c.from} /></td>
                  <td><Key value={c.to} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Nothing to change: every matched document already has that case key.</p>
      )}
      {plan.unmatched.length > 0 ? (
        <div className="alert alert--warn">
          <p>No document has these ids or titles; these lines will be skipped:</p>
          <ul>
            {plan.unmatched.map((u) => (
              <li key={u.line}>{`Line ${u.line}: “${u.document}”`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.ambiguous.length > 0 ? (
        <div className="alert alert--warn">
          <p>Several documents share these titles; use the document’s id instead. These lines will be skipped:</p>
          <ul>
            {plan.ambiguous.map((a) => (
              <li key={a.line}>{`Line ${a.line}: “${a.document}” (${plural(a.matches, "document")})`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.unchanged.length > 0 ? (
        <details>
          <summary>{plural(plan.unchanged.length, "document")} already {plan.unchanged.length === 1 ? "has" : "have"} that key</summary>
          <ul>
            {plan.unchanged.map((c) => (
              <li key={c.documentId}>
                <Link to={docPath(c.documentId)}>{c.title}</Link> <Key value={c.to} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Form method="post" className="button-row">
        <input type="hidden" name="csv" value={csv} />
        {plan.changes.length > 0 ? (
          <SubmitButton intent="apply" pendingText="Applying…">
            {`Apply ${plural(plan.changes.length, "change")}`}
          </SubmitButton>
        ) : null}
        <Link to="." className="btn btn--secondary">Start over</Link>
      </Form>
    </section>
  );
}
