import { Form, Link } from "@remix-run/react";
import { documentKindLabels, documentKinds, type DocumentKind } from "../../../db/kinds";

/** Search by title and filter by kind: a GET form, so the URL holds the query and can be shared. */
export function DocumentFilters({ q, kind, action }: { q: string; kind: DocumentKind | ""; action: string }) {
  const filtered = q !== "" || kind !== "";
  return (
    <Form method="get" action={action} role="search" aria-label="Documents" className="doc-filters">
      <div className="field doc-filters__q">
        <label htmlFor="doc-q">Search titles</label>
        <input id="doc-q" type="search" name="q" defaultValue={q} maxLength={200} />
      </div>
      <div className="field doc-filters__kind">
        <label htmlFor="doc-kind">Kind</label>
        <select id="doc-kind" name="kind" defaultValue={kind}>
          <option value="">All kinds</option>
          {documentKinds.map((k) => (
            <option key={k} value={k}>
              {documentKindLabels[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="doc-filters__buttons">
        <button type="submit" className="btn btn--secondary">
          Search
        </button>
        {filtered ? (
          <Link to={action} className="btn btn--ghost">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
