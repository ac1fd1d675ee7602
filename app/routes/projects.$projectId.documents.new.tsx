import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MaxPartSizeExceededError, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { AttributeRows } from "~/components/documents/attribute-rows";
import { TextSource } from "~/components/documents/text-source";
import { failureFor, Field, FormError, SubmitButton } from "~/components/forms";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { documentFromForm } from "~/lib/import/document-form.server";
import { MAX_UPLOAD_BYTES, tooLargeMessage } from "~/lib/import/formats";
import { readUploadForm } from "~/lib/import/upload.server";
import { createDocument } from "~/lib/services/documents.server";
import type { AppConfig } from "~/lib/env.server";
import { MAX_DOCUMENT_CHARS } from "~/lib/validation/schemas";
import { documentKindLabels, documentKinds } from "../../db/kinds";

export const meta: MetaFunction = () => [{ title: "Add document · Thicket" }];

/**
 * The server refuses a body over MAX_UPLOAD_BYTES (config) before it reaches this route, so a
 * file may be no bigger than that, nor than the importer's own MAX_UPLOAD_BYTES.
 */
const uploadLimitOf = (config: AppConfig) => Math.min(MAX_UPLOAD_BYTES, config.maxUploadBytes);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "documents:edit");
    return { projectId: params.projectId!, uploadLimit: uploadLimitOf(context.services.config) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  await pageGuard(() => requireProjectAccess(context, projectId, "documents:edit"));
  const maxFileBytes = uploadLimitOf(context.services.config);
  let upload;
  try {
    // A pasted document may use three UTF-8 bytes per character.
    upload = await readUploadForm(request, { maxFileBytes, maxFieldBytes: MAX_DOCUMENT_CHARS * 3 });
  } catch (err) {
    if (!(err instanceof MaxPartSizeExceededError)) throw err;
    const message = `The ${err.field} field is too long: a document holds at most ${MAX_DOCUMENT_CHARS.toLocaleString("en-GB")} characters.`;
    return formFailure(new HttpError(413, "payload_too_large", message, {}, { [err.field]: message }), new FormData());
  }
  const { form, tooLarge } = upload;
  const file = form.get("file");
  // Tell the form which file was chosen: a browser cannot keep it after a failed submission.
  const echo = new FormData();
  for (const [key, value] of form) if (key !== "file") echo.append(key, value);
  if (file instanceof File && file.name) echo.set("fileName", file.name);
  try {
    if (tooLarge) {
      const message = tooLargeMessage(tooLarge.filename, maxFileBytes);
      throw new HttpError(413, "payload_too_large", message, {}, { [tooLarge.field]: message });
    }
    const input = await documentFromForm(form);
    const doc = await createDocument(context.services, projectId, user.id, input);
    return redirect(`/projects/${projectId}/documents/${doc.id}`);
  } catch (err) {
    return formFailure(err, echo);
  }
}

export default function NewDocument() {
  const { projectId, uploadLimit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = failureFor(result);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const listPath = `/projects/${projectId}/documents`;
  return (
    <section className="card new-doc" aria-labelledby="new-doc-heading">
      <h2 id="new-doc-heading">Add a document</h2>
      <p className="meta">An interview, field note, story or observation: everyone in the project can read and code it.</p>
      <Form
        method="post"
        encType="multipart/form-data"
        className="form"
        noValidate
        onSubmit={(e) => {
          if (fileProblem) e.preventDefault();
        }}
      >
        {state && Object.keys(state.fieldErrors ?? {}).length > 0 ? (
          <div className="alert alert--error" role="alert">
            The document was not added: see the messages below.
          </div>
        ) : null}
        <FormError state={state} />
        <div className="form-row">
          <Field label="Title" name="title" maxLength={300} state={state} hint="Leave empty to use the file’s name." />
          <div className="field new-doc__kind">
            <label htmlFor="new-doc-kind">Kind</label>
            <select
              id="new-doc-kind"
              name="kind"
              defaultValue={state?.values?.kind ?? "interview"}
              aria-invalid={state?.fieldErrors?.kind ? true : undefined}
            >
              {documentKinds.map((k) => (
                <option key={k} value={k}>
                  {documentKindLabels[k]}
                </option>
              ))}
            </select>
            {state?.fieldErrors?.kind ? (
              <span className="field-error" role="alert">
                {state.fieldErrors.kind}
              </span>
            ) : null}
          </div>
        </div>
        <Field
          label="Case key (optional)"
          name="caseKey"
          maxLength={200}
          state={state}
          hint="The same key as a row of a dataset (a customer or household id) links this document to its numbers."
        />
        <TextSource state={state} uploadLimit={uploadLimit} onFileProblem={setFileProblem} />
        <AttributeRows state={state} />
        <div className="button-row">
          <SubmitButton pendingText="Adding…">Add document</SubmitButton>
          <Link to={listPath} className="btn btn--secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}
