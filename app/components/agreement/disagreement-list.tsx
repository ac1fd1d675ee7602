import { Form, Link } from "@remix-run/react";
import type { AgreementPageData } from "~/lib/agreement/agreement-page.server";
import type { Disagreement, DisagreementPage } from "~/lib/agreement/disagreements.server";
import type { TableCode } from "./agreement-table";

/** The editor, at this passage, with every compared coder's codings marked by coder. */
export function compareHref(projectId: string, coders: string[], d: Pick<Disagreement, "documentId" | "start" | "end">) {
  const q = new URLSearchParams({ compare: coders.join(","), at: `${d.start}-${d.end}` });
  return `/projects/${projectId}/documents/${d.documentId}?${q.toString()}`;
}

function CodeChip({ code, disputed }: { code: TableCode | undefined; disputed: boolean }) {
  return (
    <li className={`ag-chip${disputed ? " ag-chip--disputed" : ""}`}>
      <span className="swatch" style={{ background: code?.color ?? "#8a8f8c" }} aria-hidden="true" />
      {code?.name ?? "Unknown code"}
      {disputed ? <span className="visually-hidden"> (disputed)</span> : null}
    </li>
  );
}

function Item({ d, projectId, coders, codes }: { d: Disagreement; projectId: string; coders: Map<string, string>; codes: Map<string, TableCode> }) {
  const disputed = new Set(d.disputedCodeIds);
  return (
    <li className="ag-item" data-testid="disagreement">
      <p className="ag-item__doc">
        {d.documentTitle} <span className="meta">· characters {d.start}–{d.end}</span>
      </p>
      <blockquote className="ag-item__text">
        {d.text}
        {d.truncated ? "…" : ""}
      </blockquote>
      <table className="ag-item__coders">
        <tbody>
          {d.coders.map((c) => (
            <tr key={c.coderId} data-testid="disagreement-coder">
              <th scope="row">{coders.get(c.coderId) ?? "A former member"}</th>
              <td>
                {c.codeIds.length === 0 ? (
                  <span className="meta">no code here</span>
                ) : (
                  <ul className="ag-chips">
                    {c.codeIds.map((id) => (
                      <CodeChip key={id} code={codes.get(id)} disputed={disputed.has(id)} />
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ag-item__foot">
        <span className="meta">
          In dispute: {d.disputedCodeIds.map((id) => codes.get(id)?.name ?? "Unknown code").join(", ")} · score {Number(d.score.toFixed(3))}
        </span>
        <Link className="mx-excerpt__open" to={compareHref(projectId, d.coders.map((c) => c.coderId), d)}>
          Open in editor<span className="visually-hidden">: {d.documentTitle}, characters {d.start}–{d.end}</span>
        </Link>
      </p>
    </li>
  );
}

/** The passages where the chosen coders disagree most, a page at a time, filtered by code. */
export function DisagreementList({ projectId, data, page }: { projectId: string; data: AgreementPageData; page: DisagreementPage }) {
  const coders = new Map(data.coders.map((c) => [c.id, c.name]));
  const codes = new Map(data.codes.map((c) => [c.id, c]));
  const { chosen } = data;
  const hrefAt = (offset: number) => {
    const q = new URLSearchParams({ coders: chosen.coders.join(","), unit: chosen.unit });
    if (chosen.documents.length > 0) q.set("documents", chosen.documents.join(","));
    if (chosen.code) q.set("code", chosen.code);
    if (offset > 0) q.set("offset", String(offset));
    return `?${q.toString()}#disagreements`;
  };
  const last = Math.min(page.offset + page.disagreements.length, page.total);
  return (
    <section aria-labelledby="disagreements" className="ag-list" data-testid="disagreement-list">
      <h3 id="disagreements">Where the coders disagree most</h3>
      <Form method="get" className="an-controls">
        <input type="hidden" name="coders" value={chosen.coders.join(",")} />
        <input type="hidden" name="unit" value={chosen.unit} />
        {chosen.documents.length > 0 ? <input type="hidden" name="documents" value={chosen.documents.join(",")} /> : null}
        <label>
          Code
          <select name="code" defaultValue={chosen.code ?? ""}>
            <option value="">Any code</option>
            {data.codes.map((c) => (
              <option key={c.id} value={c.id}>
                {"\u00a0\u00a0".repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--small">
          Filter
        </button>
      </Form>
      {page.total === 0 ? (
        <p className="hint" data-testid="no-disagreements">
          {chosen.code ? "The coders agree on this code everywhere." : "The coders agree on every unit: nothing to list."}
        </p>
      ) : (
        <>
          <p className="meta" role="status">
            {page.offset + 1}–{last} of {page.total} passage{page.total === 1 ? "" : "s"}, most disputed first
          </p>
          <ol className="ag-items">
            {page.disagreements.map((d) => (
              <Item key={`${d.documentId}/${d.start}`} d={d} projectId={projectId} coders={coders} codes={codes} />
            ))}
          </ol>
          <nav className="ag-pager" aria-label="Disagreement pages">
            {page.offset > 0 ? <Link to={hrefAt(Math.max(0, page.offset - page.limit))}>← Previous</Link> : null}
            {last < page.total ? <Link to={hrefAt(page.offset + page.limit)}>Next →</Link> : null}
          </nav>
        </>
      )}
    </section>
  );
}
