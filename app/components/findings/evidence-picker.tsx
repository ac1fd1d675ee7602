import { Form } from "@remix-run/react";
import { useId } from "react";
import { FormError } from "~/components/forms";
import { sizeSentence } from "~/components/segments/format";
import { ExcerptPicker } from "./excerpt-picker";
import { BusyButton, TargetField, useFormOutcome } from "./form-outcome";

export interface SegmentChoice {
  id: string;
  name: string;
  datasetName: string;
  size: number;
  datasetRows: number;
  chosen: boolean;
}

export interface CodeChoice {
  id: string;
  name: string;
  chosen: boolean;
}

/** One select and an Add button: a segment or a code of the project as evidence. */
function AddOne({
  kind,
  field,
  label,
  button,
  options,
}: {
  kind: "segment" | "code";
  field: "segmentId" | "codeId";
  label: string;
  button: string;
  options: { id: string; text: string; chosen: boolean }[];
}) {
  const id = useId();
  const target = `add-${kind}`;
  const { busy, failure } = useFormOutcome(target);
  const error = failure?.fieldErrors?.[field];
  return (
    <Form method="post" className="fd-picker__one">
      <TargetField target={target} />
      <input type="hidden" name="intent" value="add-evidence" />
      <input type="hidden" name="kind" value={kind} />
      <FormError state={failure} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <select
            id={id}
            name={field}
            defaultValue={failure?.values?.[field] ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid={`add-${kind}-select`}
          >
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id} disabled={o.chosen}>
                {o.text}
                {o.chosen ? " (already evidence)" : ""}
              </option>
            ))}
          </select>
          {error ? (
            <span id={`${id}-error`} className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
        <BusyButton busy={busy} pendingText="Adding…" className="btn btn--secondary" testId={`add-${kind}-button`}>
          {button}
        </BusyButton>
      </div>
    </Form>
  );
}

/** Adding evidence: a segment, a code, or an excerpt picked from a code's passages. */
export function EvidencePicker({
  projectId,
  findingId,
  segments,
  codes,
  warning,
}: {
  projectId: string;
  findingId: string;
  segments: SegmentChoice[];
  codes: CodeChoice[];
  warning?: string;
}) {
  return (
    <section className="card fd-picker" aria-labelledby="fd-picker-heading" data-testid="evidence-picker">
      <h3 id="fd-picker-heading">Add evidence</h3>
      {warning ? <p className="alert alert--warn">{warning}</p> : null}
      <div className="fd-picker__grid">
        {segments.length === 0 ? (
          <p className="hint">This project has no segment yet. Make one under Data &amp; segments.</p>
        ) : (
          <AddOne
            kind="segment"
            field="segmentId"
            label="A segment (the pattern in the data)"
            button="Add segment"
            options={segments.map((s) => ({ id: s.id, text: `${s.name} · ${s.datasetName} · ${sizeSentence(s.size, s.datasetRows)}`, chosen: s.chosen }))}
          />
        )}
        {codes.length === 0 ? (
          <p className="hint">This project has no code yet.</p>
        ) : (
          <AddOne kind="code" field="codeId" label="A code (how often it comes up)" button="Add code" options={codes.map((c) => ({ id: c.id, text: c.name, chosen: c.chosen }))} />
        )}
      </div>
      {codes.length > 0 ? <ExcerptPicker projectId={projectId} findingId={findingId} codes={codes} /> : null}
    </section>
  );
}
