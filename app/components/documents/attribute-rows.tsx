import { useEffect, useState } from "react";
import type { FormState } from "../forms";

const MIN_ROWS = 3;

/**
 * Attributes as name/value rows (age group, branch, interviewer…). Three empty rows work
 * without JavaScript; with it, "Add another attribute" adds more. After a failed submission the
 * rows come back as typed, with any error beside its input.
 */
export function AttributeRows({ state }: { state?: FormState }) {
  const typedRows = Object.keys(state?.values ?? {})
    .map((k) => /^attributes\.(\d+)\.(?:key|value)$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  const [count, setCount] = useState(Math.max(MIN_ROWS, ...typedRows.map((i) => i + 1)));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const value = (name: string) => state?.values?.[name] ?? "";
  return (
    <fieldset className="attr-rows">
      <legend>Attributes (optional)</legend>
      <p className="hint">Facts about the source you may want to filter or compare by, such as age group or branch.</p>
      <div className="attr-rows__head" aria-hidden="true">
        <span>Name</span>
        <span>Value</span>
      </div>
      {Array.from({ length: count }, (_, i) => {
        const keyName = `attributes.${i}.key`;
        const valueName = `attributes.${i}.value`;
        const error = state?.fieldErrors?.[keyName] ?? state?.fieldErrors?.[valueName];
        return (
          <div className="attr-row" key={i}>
            <label className="visually-hidden" htmlFor={`attr-${i}-key`}>
              Attribute {i + 1} name
            </label>
            <input
              id={`attr-${i}-key`}
              type="text"
              name={keyName}
              defaultValue={value(keyName)}
              maxLength={100}
              placeholder={i === 0 ? "e.g. age group" : undefined}
              aria-invalid={state?.fieldErrors?.[keyName] ? true : undefined}
              aria-describedby={error ? `attr-${i}-error` : undefined}
            />
            <label className="visually-hidden" htmlFor={`attr-${i}-value`}>
              Attribute {i + 1} value
            </label>
            <input
              id={`attr-${i}-value`}
              type="text"
              name={valueName}
              defaultValue={value(valueName)}
              maxLength={2000}
              placeholder={i === 0 ? "e.g. 25–34" : undefined}
              aria-invalid={state?.fieldErrors?.[valueName] ? true : undefined}
              aria-describedby={error ? `attr-${i}-error` : undefined}
            />
            {error ? (
              <span id={`attr-${i}-error`} className="field-error attr-row__error" role="alert">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      {hydrated && count < 100 ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={() => setCount((c) => c + 1)}>
          Add another attribute
        </button>
      ) : null}
    </fieldset>
  );
}
