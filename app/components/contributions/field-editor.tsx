import { useId } from "react";
import { formFieldTypes } from "../../../db/kinds";
import { fieldTypeLabels, type DraftField } from "./form-builder-model";

interface FieldEditorProps {
  field: DraftField;
  index: number;
  count: number;
  /** Messages for this question, keyed by what they are about (label, name, options…). */
  errors: Record<string, string>;
  onChange(change: Partial<Omit<DraftField, "key">>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

/** One question in the form builder. */
export function FieldEditor({ field, index, count, errors, onChange, onMove, onRemove }: FieldEditorProps) {
  const id = useId();
  const choices = field.type === "choice" || field.type === "multi_choice";
  const problems = Object.values(errors);
  return (
    <li className="field-editor" aria-label={`Question ${index + 1}: ${field.label || "untitled"}`}>
      <div className="field-editor__head">
        <span className="field-editor__number">{index + 1}</span>
        <div className="field grow">
          <label htmlFor={`${id}-label`}>Question</label>
          <input
            id={`${id}-label`}
            type="text"
            value={field.label}
            onChange={(e) => onChange({ label: e.target.value })}
            placeholder="What would you like to ask?"
            aria-invalid={errors.label ? true : undefined}
            maxLength={200}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Answer type</label>
          <select id={`${id}-type`} value={field.type} onChange={(e) => onChange({ type: e.target.value as DraftField["type"] })}>
            {formFieldTypes.map((t) => (
              <option key={t} value={t}>
                {fieldTypeLabels[t]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {choices ? (
        <div className="field">
          <label htmlFor={`${id}-options`}>Options, one per line</label>
          <textarea
            id={`${id}-options`}
            rows={3}
            value={field.optionsText}
            onChange={(e) => onChange({ optionsText: e.target.value })}
            aria-invalid={errors.options ? true : undefined}
          />
        </div>
      ) : null}
      <div className="field-editor__foot">
        <label className="check">
          <input type="checkbox" checked={field.required} onChange={(e) => onChange({ required: e.target.checked })} /> Required
        </label>
        <div className="field field--inline">
          <label htmlFor={`${id}-name`}>Name in the data</label>
          <input
            id={`${id}-name`}
            type="text"
            className="field-editor__name"
            value={field.name}
            onChange={(e) => onChange({ name: e.target.value })}
            aria-invalid={errors.name ? true : undefined}
            maxLength={40}
            spellCheck={false}
          />
        </div>
        <div className="field-editor__buttons">
          <button type="button" className="btn btn--ghost btn--small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move question ${index + 1} up`}>
            ↑
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move question ${index + 1} down`}>
            ↓
          </button>
          <button type="button" className="btn btn--ghost btn--small btn--quiet-danger" onClick={onRemove} disabled={count === 1}>
            Remove<span className="visually-hidden"> question {index + 1}</span>
          </button>
        </div>
      </div>
      {problems.length > 0 ? (
        <ul className="field-editor__errors" role="alert">
          {problems.map((p) => (
            <li key={p} className="field-error">
              {p}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
