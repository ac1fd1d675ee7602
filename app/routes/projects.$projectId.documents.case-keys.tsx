import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MaxPartSizeExceededError } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CaseKeyPreview } from "~/components/documents/case-key-preview";
import { plural } from "~/components/documents/document-table";
import { failureFor, FormError, SubmitButton, TextAreaField } from "~/components/forms";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { readUploadForm } from "~/lib/import/upload.server";
import { applyCaseKeys, previewCaseKeys } from "~/lib/services/case-keys.server";
import caseKeyStyles from "~/styles/case-keys.css?url";

export const meta: MetaFunction = () => [{ title: "Set case keys · Thicket" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: caseKeyStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "documents:edit");
    return { projectId: params.projectId! };
  });
}

/** The CSV from the chosen file, else from the text box. */
async function csvOf(form: FormData): Promise<string> {
  const file = form.get("file");
  const pasted = String(form.get("csv") ?? "");
  if (file instanceof File && file.size > 0) {
    if (pasted.trim() !== "") throw new HttpError(400, "invalid_request", "Paste the CSV or choose a file, not both.");
    return file.text();
  }
  if (pasted.trim() === "") {
    throw new HttpError(400, "invalid_request", "Paste the CSV or choose a file.", {}, { csv: "Paste the CSV or choose a file." });
  }
  return pasted;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  const { auth } = await pageGuard(() => requireProjectAccess(context, projectId, "documents:edit"));
  const limit = context.services.config.maxBodyBytes;
  let form: FormData;
  try {
    const upload = await readUploadForm(request, { maxFileBytes: limit, maxFieldBytes: limit });
    if (upload.tooLarge) throw new HttpError(413, "payload_too_large", `The file is larger than ${Math.round(limit / 1024)} KB.`);
    form = upload.form;
  } catch (err) {
    if (!(err instanceof MaxPartSizeExceededError) && !(err instanceof HttpError)) throw err;
    return formFailure(err instanceof HttpError ? err : new HttpError(413, "payload_too_large", "The CSV is too long."), new FormData());
  }
  const intent = String(form.get("intent") ?? "");
  try {
    const csv = await csvOf(form);
    if (intent === "preview") {
      return { ok: true as const, intent, csv, plan: await previewCaseKeys(context.services, projectId, csv) };
    }
    if (intent === "apply") {
      return { ok: true as const, intent, result: await applyCaseKeys(context.services, projectId, auth.user.id, csv) };
    }
    throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function CaseKeys() {
  const { projectId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const idle = useNavigation().state === "idle";
  const failure = failureFor(result);
  const listPath = `/projects/${projectId}/documents`;
  const preview = result && "plan" in result && result.plan && typeof result.csv === "string" ? { csv: result.csv, plan: result.plan } : null;
  const applied = result && "result" in result ? result.result : null;
  return (
    <section aria-labelledby="case-keys-heading" className="case-keys">
      <div className="section-head">
        <h2 id="case-keys-heading">Set case keys</h2>
        <Link to={listPath}>Back to documents</Link>
      </div>
      {applied && idle ? (
        <div className="alert alert--success" role="status">
          {[
            `Updated ${plural(applied.updated, "document")}`,
            applied.unchanged ? `${applied.unchanged} already had that key` : "",
            applied.unmatched.length + applied.ambiguous.length
              ? `${plural(applied.unmatched.length + applied.ambiguous.length, "line")} skipped`
              : "",
          ]
            .filter(Boolean)
            .join("; ")}
          . <Link to={listPath}>See the documents</Link>
        </div>
      ) : null}
      {preview ? (
        <CaseKeyPreview projectId={projectId} csv={preview.csv} plan={preview.plan} />
      ) : (
        <div className="card">
          <p>
            A case key ties a document to a row of a dataset (the customer, household or site it is about). Give a CSV
            of two columns, <code>document,caseKey</code>: the document’s id or exact title, then its key. An empty key
            clears it. You will see what changes before anything is saved.
          </p>
          <Form method="post" encType="multipart/form-data" className="form" noValidate>
            <FormError state={failure} />
            <div className="field">
              <label htmlFor="case-keys-file">CSV file</label>
              <input id="case-keys-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
            </div>
            <TextAreaField
              label="…or paste it here"
              name="csv"
              rows={8}
              placeholder={"document,caseKey\nInterview with Maria,C0042\nCall notes 14 March,C0107"}
              state={failure}
            />
            <SubmitButton intent="preview" pendingText="Checking…">
              Preview changes
            </SubmitButton>
          </Form>
        </div>
      )}
    </section>
  );
}
