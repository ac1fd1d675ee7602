import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ImportForm } from "~/components/exchange/import-form";
import { ImportReportPanel } from "~/components/exchange/import-report";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { requirePageAuth } from "~/lib/http/page.server";
import { readUploadForm } from "~/lib/import/upload.server";
import { importQdpx } from "~/lib/refi/import.server";
import { createProjectSchema } from "~/lib/validation/schemas";

export const meta: MetaFunction = () => [{ title: "Import a REFI-QDA project · Thicket" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return { maxMegabytes: Math.floor(context.services.config.maxImportBytes / 1_048_576) };
}

/** The import form's action: the same import as the API, its report shown on this page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const limit = context.services.config.maxImportBytes;
  const { form, tooLarge } = await readUploadForm(request, { maxFileBytes: limit, maxFieldBytes: 10_000 });
  try {
    if (tooLarge) throw new HttpError(413, "payload_too_large", `The file is larger than ${Math.floor(limit / 1_048_576)} MB, the most an import takes.`, {}, { file: "The file is too large." });
    const { name } = parseForm(form, createProjectSchema.pick({ name: true }));
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new HttpError(400, "invalid_request", "Choose a .qdpx file.", {}, { file: "Choose a .qdpx file." });
    const result = await importQdpx(context.services, { userId: user.id, name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return { ok: true as const, name, ...result };
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function ImportProject() {
  const { maxMegabytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result && "id" in result ? result : null;
  return (
    <div className="two-col">
      <section aria-labelledby="import-heading">
        <div className="page-head">
          <div>
            <h1 id="import-heading">Import a REFI-QDA project</h1>
            <p>
              A .qdpx file becomes a new project: its codes, text documents and codings. Whatever cannot come across is listed with the reason.{" "}
              <Link to="/projects">Back to projects</Link>
            </p>
          </div>
        </div>
        {done ? <ImportReportPanel projectId={done.id} name={done.name} report={done.report} /> : null}
      </section>
      <aside className="card" aria-labelledby="import-form-heading">
        <h2 id="import-form-heading">{done ? "Import another" : "Import a REFI-QDA project (.qdpx)"}</h2>
        <ImportForm state={done ? undefined : (result as never)} maxMegabytes={maxMegabytes} />
      </aside>
    </div>
  );
}
