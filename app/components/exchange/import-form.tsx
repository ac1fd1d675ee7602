import { Form } from "@remix-run/react";
import { Field, FormError, SubmitButton, type FormState } from "~/components/forms";

/**
 * The REFI-QDA import form: a name and the .qdpx file, posted (multipart, same origin, like
 * every form here) to /projects/import, which shows the report.
 */
export function ImportForm({ state, maxMegabytes }: { state?: FormState; maxMegabytes: number }) {
  return (
    <Form method="post" action="/projects/import" encType="multipart/form-data" className="form" noValidate>
      <FormError state={state} />
      <Field label="Name of the new project" name="name" required maxLength={200} placeholder="Interviews from NVivo" state={state} />
      <Field
        label="Project file (.qdpx)"
        name="file"
        type="file"
        accept=".qdpx,application/zip"
        required
        hint={`Exported from NVivo, ATLAS.ti, MAXQDA or Thicket; up to ${maxMegabytes} MB. You will be the new project's owner.`}
        state={state}
      />
      <SubmitButton intent="import-qdpx" pendingText="Importing…" className="btn btn--secondary">
        Import project
      </SubmitButton>
    </Form>
  );
}
