import { Form } from "@remix-run/react";
import { useId } from "react";
import { failureFor, Field, FormError, SubmitButton, TextAreaField, type FormState } from "~/components/forms";
import { documentKindLabels, documentKinds, type DocumentKind } from "../../../db/kinds";

export type Attributes = Record<string, string | number | boolean | null>;

/** Attributes as the edit form shows them: one `name: value` per line. */
export function attributesToText(attributes: Attributes): string {
  return Object.entries(attributes)
    .map(([k, v]) => `${k}: ${v === null ? "" : String(v)}`)
    .join("\n");
}

interface DocumentDetailsProps {
  document: { title: string; kind: DocumentKind; caseKey: string | null; attributes: Attributes };
  canEdit: boolean;
  result?: FormState;
  /** Bumped after a successful save, so the edit form closes. */
  savedAt?: string;
}

/** Title, kind, case key and attributes; editors get a form to change them. */
export function DocumentDetails({ document, canEdit, result, savedAt }: DocumentDetailsProps) {
  const state = failureFor(result, "update-details");
  const kindId = useId();
  const entries = Object.entries(document.attributes);
  return (
    <section className="card thk-side-card" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl className="thk-details">
        <dt>Kind</dt>
        <dd>{documentKindLabels[document.kind]}</dd>
        <dt>Case key</dt>
        <dd>{document.caseKey ?? <span className="meta">none</span>}</dd>
        {entries.map(([k, v]) => (
          <div key={k} className="thk-details__row">
            <dt>{k}</dt>
            <dd>{v === null ? <span className="meta">empty</span> : String(v)}</dd>
          </div>
        ))}
      </dl>
      {canEdit ? (
        <details className="thk-edit-details" open={state ? true : undefined} key={savedAt}>
          <summary>Edit details</summary>
          <Form method="post" className="form" noValidate>
            <FormError state={state} />
            <Field label="Title" name="title" required defaultValue={document.title} state={state} />
            <div className="field">
              <label htmlFor={kindId}>Kind</label>
              <select id={kindId} name="kind" defaultValue={state?.values?.kind ?? document.kind}>
                {documentKinds.map((k) => (
                  <option key={k} value={k}>
                    {documentKindLabels[k]}
                  </option>
                ))}
              </select>
            </div>
            <Field
              label="Case key"
              name="caseKey"
              defaultValue={document.caseKey ?? ""}
              hint="Matches a row of a dataset's key column."
              state={state}
            />
            <TextAreaField
              label="Attributes (one “name: value” per line)"
              name="attributes"
              rows={4}
              defaultValue={attributesToText(document.attributes)}
              state={state}
            />
            <SubmitButton intent="update-details" pendingText="Saving…" className="btn btn--secondary btn--small">
              Save details
            </SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
