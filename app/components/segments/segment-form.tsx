import { Form } from "@remix-run/react";
import { useMemo, useRef, useState } from "react";
import { describeFilter } from "~/lib/datasets/filter";
import type { DatasetColumn, Filter } from "~/lib/datasets/types";
import { Field, FormError, SubmitButton, type FormState } from "../forms";
import { FilterBuilder } from "./filter-builder";
import { compile, countConditions, fromFilter, idMaker, newGroup, parseFilterField, type DraftGroup } from "./filter-model";
import { formatCount } from "./format";
import { SegmentPreview } from "./segment-preview";

export interface DatasetChoice {
  id: string;
  name: string;
  rowCount: number;
  columns: DatasetColumn[];
}

interface SegmentFormProps {
  projectId: string;
  datasets: DatasetChoice[];
  /** The saved segment when editing; the dataset then stays as it is. */
  initial?: { datasetId: string; name: string; filter: Filter };
  state?: FormState;
  intent: string;
  submitLabel: string;
  pendingLabel: string;
}

/**
 * The segment builder, for a new segment and for editing one: dataset, name, the filter rows
 * and a live preview. The filter travels to the action as JSON in a hidden field, where the
 * service validates it again against the dataset's columns.
 */
export function SegmentForm({ projectId, datasets, initial, state, intent, submitLabel, pendingLabel }: SegmentFormProps) {
  const sentBack = state?.values;
  const [datasetId, setDatasetId] = useState(sentBack?.datasetId ?? initial?.datasetId ?? datasets[0]?.id ?? "");
  const dataset = datasets.find((d) => d.id === datasetId);
  const columns = useMemo(() => dataset?.columns ?? [], [dataset]);
  const ids = useRef(idMaker());
  const nextId = () => ids.current();
  const [draft, setDraft] = useState<DraftGroup>(() => {
    const start = parseFilterField(sentBack?.filter) ?? initial?.filter;
    return start ? fromFilter(start, nextId) : newGroup(nextId, columns);
  });
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(Boolean(state?.fieldErrors?.filter));
  const compiled = useMemo(() => compile(draft, columns), [draft, columns]);
  const firstError = Object.values(compiled.errors)[0] ?? null;
  const filterError = state?.fieldErrors?.filter;
  const datasetError = state?.fieldErrors?.datasetId;

  const chooseDataset = (id: string) => {
    setDatasetId(id);
    const next = datasets.find((d) => d.id === id);
    // Another dataset has other columns: start its filter afresh.
    setDraft(newGroup(nextId, next?.columns ?? []));
    setTouched(new Set());
    setShowAll(false);
  };

  return (
    <Form
      method="post"
      className="form seg-form"
      noValidate
      aria-label={initial ? `Edit segment “${initial.name}”` : "New segment"}
      onSubmit={(event) => {
        // Rows that cannot be read are shown instead of sending a filter the server would refuse.
        if (firstError) {
          event.preventDefault();
          setShowAll(true);
        }
      }}
    >
      <FormError state={state} />
      <div className="form-row">
        {initial ? (
          <div className="field">
            <span className="field__label">Dataset</span>
            <span className="seg-form__dataset">{dataset?.name ?? "A deleted dataset"}</span>
            <input type="hidden" name="datasetId" value={datasetId} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="segment-dataset">Dataset</label>
            <select
              id="segment-dataset"
              name="datasetId"
              value={datasetId}
              onChange={(e) => chooseDataset(e.target.value)}
              aria-invalid={datasetError ? true : undefined}
              aria-describedby={datasetError ? "segment-dataset-error" : undefined}
            >
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({formatCount(d.rowCount)} rows)
                </option>
              ))}
            </select>
            {datasetError ? (
              <span id="segment-dataset-error" className="field-error" role="alert">
                {datasetError}
              </span>
            ) : null}
          </div>
        )}
        <Field label="Segment name" name="name" required maxLength={120} defaultValue={initial?.name} state={state} />
      </div>

      <div className="seg-form__body">
        <fieldset className="seg-form__filter" aria-describedby={filterError ? "segment-filter-error" : "segment-filter-summary"}>
          <legend>Filter</legend>
          {columns.length === 0 ? (
            <p className="hint">Choose a dataset to build a filter from its columns.</p>
          ) : (
            <FilterBuilder
              columns={columns}
              value={draft}
              onChange={setDraft}
              nextId={nextId}
              errors={compiled.errors}
              showAll={showAll}
              touched={touched}
              onTouch={(id) => setTouched((t) => (t.has(id) ? t : new Set(t).add(id)))}
            />
          )}
          <p id="segment-filter-summary" className="seg-form__sentence">
            {firstError
              ? "One condition still needs attention (see the row)."
              : countConditions(draft) === 0
                ? "Every row of the dataset."
                : `Rows where ${describeFilter(compiled.filter)}.`}
          </p>
          {filterError ? (
            <span id="segment-filter-error" className="field-error" role="alert">
              {filterError}
            </span>
          ) : null}
          <input type="hidden" name="filter" value={JSON.stringify(compiled.filter)} />
        </fieldset>
        <SegmentPreview projectId={projectId} datasetId={datasetId} filter={compiled.filter} blocked={firstError} />
      </div>

      <div className="button-row">
        <SubmitButton intent={intent} pendingText={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      </div>
    </Form>
  );
}
