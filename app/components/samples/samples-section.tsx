import { Form, Link } from "@remix-run/react";
import type { DatasetColumn } from "~/lib/datasets/types";
import type { SampleSummary } from "~/lib/samples/types";
import { MAX_SAMPLE_SIZE } from "~/lib/samples/types";
import { Field, FormError, SubmitButton, type FormState } from "../forms";
import { SampleProgress } from "./progress";

/** The dataset page's Samples: each sample with its progress, and the form that draws one. */
export function SamplesSection({
  projectId,
  samples,
  columns,
  canDraw,
  state,
}: {
  projectId: string;
  samples: SampleSummary[];
  columns: DatasetColumn[];
  canDraw: boolean;
  state?: FormState;
}) {
  const textColumns = columns.filter((c) => c.type === "text");
  return (
    <section className="card data-card samples-section" aria-labelledby="samples-heading">
      <h3 id="samples-heading" className="data-subhead">
        Samples
      </h3>
      {samples.length === 0 ? (
        <p className="empty">No samples yet. A sample turns rows of a text column into documents to code by hand.</p>
      ) : (
        <ul className="sample-list">
          {samples.map((s) => (
            <li key={s.id} data-testid="sample-item">
              <Link to={`/projects/${projectId}/samples/${s.id}`}>{s.name}</Link>{" "}
              <span className="meta">
                {s.textColumn}
                {s.strataColumn ? `, by ${s.strataColumn}` : ""}
              </span>{" "}
              <SampleProgress done={s.done} size={s.size} missing={s.missing} />
            </li>
          ))}
        </ul>
      )}
      {!canDraw ? null : textColumns.length === 0 ? (
        <p className="meta">This dataset has no text column to draw a sample from.</p>
      ) : (
        <Form method="post" className="sample-form" aria-label="Draw a sample">
          <h4>Draw a sample</h4>
          <FormError state={state} />
          <Field label="Name" name="name" state={state} required maxLength={120} defaultValue="Sample" />
          <SelectField label="Text column" name="textColumn" state={state} options={textColumns.map((c) => c.name)} />
          <Field
            label="Size"
            name="size"
            type="number"
            min={1}
            max={MAX_SAMPLE_SIZE}
            required
            state={state}
            defaultValue="100"
            hint={`1 to ${MAX_SAMPLE_SIZE.toLocaleString("en-GB")} rows; rows with empty text are skipped.`}
          />
          <SelectField label="Stratify by (optional)" name="strataColumn" state={state} options={columns.map((c) => c.name)} empty="No strata" />
          <Field label="Minimum per stratum" name="minPerStratum" type="number" min={0} state={state} defaultValue="0" />
          <Field label="Seed (optional)" name="seed" type="number" state={state} hint="The same seed draws the same rows." />
          <SubmitButton intent="draw-sample" pendingText="Drawing…">
            Draw sample
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}

function SelectField({
  label,
  name,
  options,
  state,
  empty,
}: {
  label: string;
  name: string;
  options: string[];
  state?: FormState;
  empty?: string;
}) {
  const error = state?.fieldErrors?.[name];
  const id = `sample-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={state?.values?.[name]} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
