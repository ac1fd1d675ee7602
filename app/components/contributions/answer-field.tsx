import { useId } from "react";
import type { FormField } from "../../../db/kinds";
import { latName, lngName, type TypedAnswers } from "~/lib/contributions/form-answers";
import { MAX_CASE_KEY_CHARS, MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS } from "~/lib/contributions/submission-values";
import { LocationField } from "./location-field";

interface AnswerFieldProps {
  field: FormField;
  typed: TypedAnswers;
  error?: string;
  mapTileUrl: string | null;
}

const asText = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** One question of a contribution form, as the input that suits its type. */
export function AnswerField({ field, typed, error, mapTileUrl }: AnswerFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const described = error ? errorId : undefined;
  const label = (
    <>
      {field.label}
      {field.required ? <span className="required"> (required)</span> : <span className="optional"> (optional)</span>}
    </>
  );
  const errorLine = error ? (
    <span id={errorId} className="field-error" role="alert">
      {error}
    </span>
  ) : null;

  if (field.type === "choice" || field.type === "multi_choice") {
    const picked = typed[field.name];
    const chosen = new Set(Array.isArray(picked) ? picked : picked ? [picked] : []);
    const multiple = field.type === "multi_choice";
    return (
      <fieldset className="field answer-choices" aria-describedby={described} aria-invalid={error ? true : undefined}>
        <legend>{label}</legend>
        {multiple ? <span className="hint">Tick all that apply.</span> : null}
        {(field.options ?? []).map((option) => (
          <label key={option} className="answer-choice">
            <input
              type={multiple ? "checkbox" : "radio"}
              name={field.name}
              value={option}
              defaultChecked={chosen.has(option)}
              required={!multiple && field.required}
            />
            {option}
          </label>
        ))}
        {errorLine}
      </fieldset>
    );
  }

  if (field.type === "location") {
    return (
      <LocationField
        label={label}
        name={field.name}
        lat={asText(typed[latName(field.name)])}
        lng={asText(typed[lngName(field.name)])}
        required={field.required}
        error={errorLine}
        describedBy={described}
        mapTileUrl={mapTileUrl}
      />
    );
  }

  const common = {
    id,
    name: field.name,
    defaultValue: asText(typed[field.name]),
    required: field.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {field.type === "long_text" ? (
        <textarea {...common} rows={8} maxLength={MAX_LONG_TEXT_CHARS} className="answer-long" />
      ) : field.type === "number" ? (
        <input {...common} type="text" inputMode="decimal" autoComplete="off" className="answer-short" />
      ) : field.type === "date" ? (
        <input {...common} type="date" className="answer-short" />
      ) : (
        <input
          {...common}
          type="text"
          maxLength={field.type === "case_key" ? MAX_CASE_KEY_CHARS : MAX_SHORT_TEXT_CHARS}
          autoComplete="off"
        />
      )}
      {errorLine}
    </div>
  );
}
