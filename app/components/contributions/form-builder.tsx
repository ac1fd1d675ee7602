import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import type { FormFieldType } from "../../../db/kinds";
import { FieldEditor } from "./field-editor";
import { fieldTypeLabels, moveField, newField, removeField, toPayload, updateField, type DraftForm } from "./form-builder-model";

export interface BuilderFailure {
  ok: false;
  message: string;
  fields?: Record<string, string>;
}

/** Errors keyed "fields.3.options" belong to question 4; the rest to the form. */
function splitErrors(fields: Record<string, string> | undefined) {
  const form: Record<string, string> = {};
  const byQuestion = new Map<number, Record<string, string>>();
  for (const [path, message] of Object.entries(fields ?? {})) {
    const m = /^fields\.(\d+)\.?(.*)$/.exec(path);
    if (m) {
      const entry = byQuestion.get(Number(m[1])) ?? {};
      entry[m[2] || "field"] = message;
      byQuestion.set(Number(m[1]), entry);
    } else {
      form[path] = message;
    }
  }
  return { form, byQuestion };
}

/**
 * Builds or edits an intake form: its title, prompt and consent text, who may use it, and its
 * questions. Saved as JSON to the page's action, which answers with the API's messages.
 * Ctrl+S (⌘S) saves.
 */
export function FormBuilder({ initial, saveLabel, note }: { initial: DraftForm; saveLabel: string; note?: string }) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [addType, setAddType] = useState<FormFieldType>("short_text");
  const fetcher = useFetcher<BuilderFailure>();
  const saving = fetcher.state !== "idle";
  const failure = fetcher.data && fetcher.data.ok === false ? fetcher.data : undefined;
  const errors = splitErrors(failure?.fields);
  // The payload is plain JSON; its FormField type just lacks the index signature Remix asks for.
  const save = () => fetcher.submit(toPayload(draft) as unknown as Parameters<typeof fetcher.submit>[0], { method: "post", encType: "application/json" });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const setFields = (fields: DraftForm["fields"]) => setDraft({ ...draft, fields });
  return (
    <form
      className="form form-builder"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
    >
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failure.message}
        </div>
      ) : null}
      {note ? <p className="alert alert--warn">{note}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          type="text"
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          placeholder="Tell us about your last call"
          aria-invalid={errors.form.title ? true : undefined}
          maxLength={200}
        />
        {errors.form.title ? <span className="field-error">{errors.form.title}</span> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-prompt`}>Prompt</label>
        <textarea
          id={`${id}-prompt`}
          rows={3}
          value={draft.prompt}
          onChange={(e) => setDraft({ ...draft, prompt: e.target.value })}
          placeholder="What happened, in your own words? What did the customer say?"
          maxLength={5000}
        />
        <span className="hint">Shown above the questions.</span>
      </div>
      <fieldset className="access-choice">
        <legend>Who can use it</legend>
        <label className="check">
          <input type="radio" name="access" checked={draft.access === "public"} onChange={() => setDraft({ ...draft, access: "public" })} />
          <span>
            <strong>Anyone with the link</strong>, no account (citizen science, the public)
          </span>
        </label>
        <label className="check">
          <input type="radio" name="access" checked={draft.access === "members"} onChange={() => setDraft({ ...draft, access: "members" })} />
          <span>
            <strong>Project members only</strong>, signed in (contact-centre staff with the contributor role)
          </span>
        </label>
      </fieldset>
      <section aria-labelledby={`${id}-questions`}>
        <h3 id={`${id}-questions`}>Questions</h3>
        {errors.form.fields ? <p className="field-error" role="alert">{errors.form.fields}</p> : null}
        <ol className="field-editors">
          {draft.fields.map((field, index) => (
            <FieldEditor
              key={field.key}
              field={field}
              index={index}
              count={draft.fields.length}
              errors={errors.byQuestion.get(index) ?? {}}
              onChange={(change) => setFields(updateField(draft.fields, field.key, change))}
              onMove={(by) => setFields(moveField(draft.fields, field.key, by))}
              onRemove={() => setFields(removeField(draft.fields, field.key))}
            />
          ))}
        </ol>
        <div className="form-row add-question">
          <div className="field">
            <label htmlFor={`${id}-add`}>New question's answer type</label>
            <select id={`${id}-add`} value={addType} onChange={(e) => setAddType(e.target.value as FormFieldType)}>
              {Object.entries(fieldTypeLabels).map(([t, label]) => (
                <option key={t} value={t}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="btn btn--secondary" onClick={() => setFields(newField(draft.fields, addType))}>
            Add question
          </button>
        </div>
        <p className="hint">
          Contributors also get an optional box to list the people they mention: those names are replaced by [NAME].
        </p>
      </section>
      <div className="field">
        <label htmlFor={`${id}-consent`}>Consent text</label>
        <textarea
          id={`${id}-consent`}
          rows={4}
          value={draft.consentText}
          onChange={(e) => setDraft({ ...draft, consentText: e.target.value })}
          aria-invalid={errors.form.consentText ? true : undefined}
          maxLength={5000}
        />
        <span className="hint">Contributors must tick that they agree to this before they can send.</span>
        {errors.form.consentText ? <span className="field-error">{errors.form.consentText}</span> : null}
      </div>
      <div className="button-row">
        <button type="submit" className="btn" disabled={saving}>
          {saving ? "Saving…" : saveLabel}
        </button>
        <span className="meta">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> saves
        </span>
      </div>
    </form>
  );
}
