import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DocumentFilters } from "~/components/documents/document-filters";
import { DocumentTable, plural } from "~/components/documents/document-table";
import { failureFor, FormError } from "~/components/forms";
import { useSettledMessage } from "~/components/use-form-reset";
import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { deleteDocument, getDocumentMeta, listDocuments } from "~/lib/services/documents.server";
import { documentKinds } from "../../db/kinds";

export const meta: MetaFunction = () => [{ title: "Documents · Thicket" }];

/** A bad ?kind= or an overlong ?q= is ignored rather than turned into an error page. */
const filterSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  kind: z.enum(documentKinds).or(z.literal("")).catch(""),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    const search = new URL(request.url).searchParams;
    const filter = filterSchema.parse({ q: search.get("q") ?? "", kind: search.get("kind") ?? "" });
    const documents = await listDocuments(context.services, projectId, {
      q: filter.q || undefined,
      kind: filter.kind || undefined,
    });
    return {
      projectId,
      documents,
      filter,
      canEdit: can(user, "documents:edit", { kind: "project", projectId, role }),
    };
  });
}

const deleteSchema = z.object({ documentId: z.string().min(1) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePageAuth(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent !== "delete-document") {
      throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
    const { documentId } = parseForm(form, deleteSchema);
    const { projectId } = await requireDocumentAccess(context, documentId, "documents:edit");
    if (projectId !== params.projectId) throw notFound("Document not found.");
    const doc = await getDocumentMeta(context.services, documentId);
    await deleteDocument(context.services, documentId);
    return { ok: true as const, intent, message: `“${doc?.title ?? "The document"}” was deleted.` };
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function DocumentList() {
  const { projectId, documents, filter, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const success = useSettledMessage(result);
  const failure = failureFor(result);
  const filtered = filter.q !== "" || filter.kind !== "";
  const listPath = `/projects/${projectId}/documents`;
  const addDocument = canEdit ? (
    <Link to={`${listPath}/new`} className="btn">
      Add document
    </Link>
  ) : null;
  return (
    <section aria-labelledby="documents-heading">
      <div className="section-head">
        <h2 id="documents-heading">Documents</h2>
        {canEdit ? (
          <div className="button-row">
            {documents.length > 0 || filtered ? (
              <Link to={`${listPath}/case-keys`} className="btn btn--secondary">
                Set case keys from CSV
              </Link>
            ) : null}
            {addDocument}
          </div>
        ) : null}
      </div>
      <div role="status" aria-live="polite" className={success ? "alert alert--success" : "visually-hidden"}>
        {success}
      </div>
      <FormError state={failure} summarize />
      {documents.length === 0 && !filtered ? (
        <div className="empty">
          <h3>No documents yet</h3>
          <p>
            {canEdit
              ? "Add an interview, field note or story: paste its text, or upload a Word file, a text file or a transcript."
              : "Researchers and coders add interviews, field notes and stories here."}
          </p>
          {addDocument}
        </div>
      ) : (
        <div className="card">
          <DocumentFilters key={`${filter.q}|${filter.kind}`} q={filter.q} kind={filter.kind} action={listPath} />
          <p className="meta doc-count" aria-live="polite">
            {filtered
              ? `${plural(documents.length, "document")} match${documents.length === 1 ? "es" : ""}.`
              : `${plural(documents.length, "document")}.`}
          </p>
          {documents.length > 0 ? (
            <DocumentTable projectId={projectId} documents={documents} canEdit={canEdit} />
          ) : (
            <p className="doc-none">
              No documents match these filters. <Link to={listPath}>Show all documents</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
