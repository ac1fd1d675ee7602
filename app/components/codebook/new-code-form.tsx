import { Form } from "@remix-run/react";
import type { RefObject } from "react";
import { Field, FormError, SubmitButton, TextAreaField, type FormState } from "../forms";
import { indentLabel, type CodeNode } from "./tree";

/** Adds a code, at the top level or under a parent. Coders may use it too (proposing codes). */
export function NewCodeForm({
  flat,
  suggestedColor,
  state,
  formRef,
}: {
  flat: CodeNode[];
  suggestedColor: string;
  state?: FormState;
  formRef: RefObject<HTMLFormElement>;
}) {
  return (
    <Form method="post" className="form" noValidate ref={formRef}>
      <FormError state={state} />
      <Field label="Name" name="name" required maxLength={120} state={state} />
      <div className="field">
        <label htmlFor="new-code-parent">Parent</label>
        <select
          id="new-code-parent"
          name="parentId"
          defaultValue={state?.values?.parentId ?? ""}
          aria-invalid={state?.fieldErrors?.parentId ? true : undefined}
        >
          <option value="">None (top level)</option>
          {flat.map((n) => (
            <option key={n.code.id} value={n.code.id}>
              {indentLabel(n)}
            </option>
          ))}
        </select>
        {state?.fieldErrors?.parentId ? (
          <span className="field-error" role="alert">
            {state.fieldErrors.parentId}
          </span>
        ) : null}
      </div>
      <div className="field field--color">
        <label htmlFor="new-code-color">Colour</label>
        <input id="new-code-color" type="color" name="color" defaultValue={state?.values?.color ?? suggestedColor} key={suggestedColor} />
      </div>
      <TextAreaField label="Description (optional)" name="description" rows={3} maxLength={5000} state={state} />
      <div>
        <SubmitButton intent="create-code" pendingText="Adding…">
          Add code
        </SubmitButton>
      </div>
    </Form>
  );
}
