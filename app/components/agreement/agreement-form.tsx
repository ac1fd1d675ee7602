import { Form } from "@remix-run/react";
import type { AgreementPageData } from "~/lib/agreement/agreement-page.server";
import { agreementUnits } from "~/lib/agreement/units";
import { unitExplanations } from "./explanations";

const unitNames = { paragraph: "Paragraph", sentence: "Sentence", character: "Character" } as const;

/**
 * The question, as a GET form: its URL is the page to share (and what a revealed coding round
 * links to with ?coders=…&documents=… filled in).
 */
export function AgreementForm({ data }: { data: AgreementPageData }) {
  const { chosen } = data;
  const picked = new Set(chosen.coders);
  const docs = new Set(chosen.documents);
  return (
    <Form method="get" className="ag-form" data-testid="agreement-form">
      <fieldset>
        <legend>Coders to compare (at least two)</legend>
        {data.coders.length === 0 ? <p className="hint">Nobody in this project may code yet.</p> : null}
        {data.coders.map((c) => (
          <label key={c.id}>
            <input type="checkbox" name="coders" value={c.id} defaultChecked={picked.has(c.id)} /> {c.name}{" "}
            <span className={`badge badge--${c.role}`}>{c.role}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Unit of comparison</legend>
        {agreementUnits.map((u) => (
          <label key={u} className="ag-form__unit">
            <input type="radio" name="unit" value={u} defaultChecked={chosen.unit === u} /> <strong>{unitNames[u]}</strong>
            <span className="meta"> — {unitExplanations[u]}</span>
          </label>
        ))}
      </fieldset>
      <label className="ag-form__docs">
        Documents <span className="meta">(none selected: all documents)</span>
        <select name="documents" multiple size={Math.min(6, Math.max(2, data.documents.length))} defaultValue={chosen.documents}>
          {data.documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
          {/* A link may name documents beyond the list's limit: keep them chosen. */}
          {chosen.documents
            .filter((id) => !data.documents.some((d) => d.id === id))
            .map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
        </select>
      </label>
      {docs.size > 0 ? <p className="meta">{docs.size} document{docs.size === 1 ? "" : "s"} chosen.</p> : null}
      <button type="submit" className="btn">
        Compare
      </button>
    </Form>
  );
}
