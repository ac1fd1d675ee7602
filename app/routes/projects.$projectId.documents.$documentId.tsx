import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DoneToggle } from "~/components/samples/done-toggle";
import { setDoneFormSchema } from "~/lib/samples/forms.server";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { CasePanel } from "~/components/editor/case-panel";
import { CollabEditor } from "~/components/editor/collab-editor";
import { DocumentDetails, type Attributes } from "~/components/editor/document-details";
import { DocumentMemos } from "~/components/editor/document-memos";
import { requireDocumentAccess } from "~/lib/auth/document-guard.server";
import { openRoundOfCoder } from "~/lib/rounds/rounds.server";
import { findCaseRows } from "~/lib/datasets/rows.server";
import { can, type ProjectAction } from "~/lib/auth/permissions";
import { validationError } from "~/lib/http/body.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { RequestContext } from "~/lib/services.server";
import { listCodes } from "~/lib/services/codes.server";
import { getDocumentMeta, updateDocument } from "~/lib/services/documents.server";
import { listMemberNames } from "~/lib/services/members.server";
import { addMemo, deleteMemo, listMemos, memoProject } from "~/lib/services/memos.server";
import { memoSchema, updateDocumentSchema } from "~/lib/validation/schemas";
import casePanelStyles from "~/styles/case-panel.css?url";
import editorStyles from "~/styles/editor.css?url";
import { documentKindLabels } from "../../db/kinds";
import { codings, documents } from "../../db/schema";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
  { rel: "stylesheet", href: casePanelStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.document.title} · Thicket` : "Document · Thicket" },
];

/** The server-rendered placeholder shows this much of the text until the editor has synced. */
const PREVIEW_CHARS = 20_000;

/** The projected text's beginning and its length, without sending a whole transcript twice. */
async function textPreview(context: RequestContext, documentId: string) {
  const [row] = await context.services.db
    .select({
      preview: sql<string>`left(${documents.text}, ${sql.raw(String(PREVIEW_CHARS))})`,
      length: sql<number>`char_length(${documents.text})::int`,
    })
    .from(documents)
    .where(eq(documents.id, documentId));
  return row ?? { preview: "", length: 0 };
}

/** Codings in the preview, from the projection, for highlights before the editor connects. */
function previewCodings(context: RequestContext, documentId: string) {
  return context.services.db
    .select({ codeId: codings.codeId, start: codings.start, end: codings.end })
    .from(codings)
    .where(and(eq(codings.documentId, documentId), lt(codings.start, PREVIEW_CHARS), eq(codings.orphaned, false)))
    .orderBy(asc(codings.start))
    .limit(5000);
}

/** A document of this project, checked for `action`; one of another project is a 404 here. */
async function access(context: RequestContext, params: LoaderFunctionArgs["params"], action: ProjectAction) {
  const found = await requireDocumentAccess(context, params.documentId!, action);
  if (found.projectId !== params.projectId) throw notFound("Document not found.");
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    const documentId = params.documentId!;
    const { role, projectId } = await access(context, params, "documents:read");
    const { services } = context;
    // A coder in an open coding round on this document codes it in their own layer.
    const round = await openRoundOfCoder(services.db, documentId, user.id);
    if (round) throw redirect(`/projects/${projectId}/rounds/${round}/documents/${documentId}`);
    const [document, codes, members, memos, text, coded] = await Promise.all([
      getDocumentMeta(services, documentId),
      listCodes(services, projectId),
      listMemberNames(services.db, projectId),
      listMemos(services, "document", documentId),
      textPreview(context, documentId),
      previewCodings(context, documentId),
    ]);
    if (!document) throw notFound("Document not found.");
    // The case's row in each dataset (none match an empty key, but the panel still lists them).
    const caseRows = await findCaseRows(services, projectId, document.caseKey ?? "");
    const resource = { kind: "project" as const, projectId, role };
    const canEdit = can(user, "documents:edit", resource);
    return {
      document: {
        id: document.id,
        projectId,
        title: document.title,
        kind: document.kind,
        caseKey: document.caseKey,
        attributes: document.attributes as Attributes,
        updatedAt: document.updatedAt,
        done: document.done,
      },
      preview: { text: text.preview, length: text.length, truncated: text.length > PREVIEW_CHARS, codings: coded },
      role,
      canEdit,
      // The collaboration server accepts document updates (codings included) only from
      // people who may edit documents, so coding needs both.
      canCode: canEdit && can(user, "codings:edit", resource),
      canProposeCodes: can(user, "codes:propose", resource),
      canWriteMemos: can(user, "memos:write", resource),
      canDone: can(user, "documents:done", resource),
      user: { id: user.id, name: user.name },
      members: Object.fromEntries(members.map((m) => [m.userId, m.name])),
      codes: codes.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, color: c.color, description: c.description, codable: c.codable })),
      memos,
      caseRows: caseRows.map(({ dataset, row }) => ({
        dataset: { id: dataset.id, name: dataset.name, key: dataset.key, columns: dataset.columns },
        row,
      })),
    };
  });
}

/** "name: value" lines into attributes; numbers and true/false keep their type. */
function parseAttributes(text: string): Attributes {
  const out: Attributes = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const colon = line.indexOf(":");
    if (colon <= 0) {
      throw new HttpError(400, "invalid_request", `Attributes line ${i + 1}: write it as “name: value”.`, {}, {
        attributes: `Line ${i + 1}: write it as “name: value”.`,
      });
    }
    const key = line.slice(0, colon).trim();
    const raw = line.slice(colon + 1).trim();
    let value: string | number | boolean | null = raw;
    if (raw === "") value = null;
    else if (raw === "true" || raw === "false") value = raw === "true";
    else if (/^-?\d+(\.\d+)?$/.test(raw) && String(Number(raw)) === raw) value = Number(raw);
    out[key] = value;
  });
  return out;
}

const memoIdSchema = z.object({ memoId: z.string().min(1) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const { services } = context;
  const documentId = params.documentId!;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "add-memo": {
        const { projectId } = await access(context, params, "memos:write");
        const { body } = parseForm(form, memoSchema);
        await addMemo(services, projectId, user.id, { type: "document", id: documentId }, body);
        return { ok: true as const, intent, message: "Memo added." };
      }
      case "delete-memo": {
        const { projectId, role } = await access(context, params, "documents:read");
        const { memoId } = parseForm(form, memoIdSchema);
        if ((await memoProject(services, memoId)) !== projectId) throw notFound("Memo not found.");
        await deleteMemo(services, memoId, { id: user.id, isOwner: role === "owner" });
        return { ok: true as const, intent, message: "Memo deleted." };
      }
      case "set-done": {
        await access(context, params, "documents:done");
        const { done } = parseForm(form, setDoneFormSchema.pick({ done: true }));
        await updateDocument(services, documentId, { done, caseKey: undefined });
        return { ok: true as const, intent, message: done ? "Marked done." : "Marked not done." };
      }
      case "update-details": {
        await access(context, params, "documents:edit");
        const parsed = updateDocumentSchema.safeParse({
          title: form.get("title") ?? undefined,
          kind: form.get("kind") ?? undefined,
          caseKey: form.get("caseKey") ?? undefined,
          attributes: parseAttributes(String(form.get("attributes") ?? "")),
        });
        if (!parsed.success) throw validationError(parsed.error);
        await updateDocument(services, documentId, parsed.data);
        return { ok: true as const, intent, message: "Details saved.", savedAt: new Date().toISOString() };
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function DocumentPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const idle = useNavigation().state === "idle";
  const { document } = data;
  const message = idle && result && "message" in result && result.intent !== "set-done" ? result.message : undefined;
  return (
    <div className="thk-page">
      <div className="thk-doc-head">
        <nav className="thk-breadcrumb" aria-label="Breadcrumb">
          <Link to={`/projects/${document.projectId}/documents`}>Documents</Link>
          <span aria-hidden="true"> › </span>
        </nav>
        <h2 className="thk-doc-title">{document.title}</h2>
        <p className="meta">
          <span className="badge">{documentKindLabels[document.kind]}</span>
          {document.caseKey ? <span>Case {document.caseKey}</span> : null}
          <DoneToggle documentId={document.id} done={document.done} disabled={!data.canDone} shortcut={data.canDone} />
        </p>
      </div>
      {message ? (
        <div className="alert alert--success thk-flash" role="status">
          {message}
        </div>
      ) : null}
      <CollabEditor
        key={document.id}
        documentId={document.id}
        projectId={document.projectId}
        user={data.user}
        canEdit={data.canEdit}
        canCode={data.canCode}
        canProposeCodes={data.canProposeCodes}
        members={data.members}
        initialCodes={data.codes}
        previewText={data.preview.text}
        previewTruncated={data.preview.truncated}
        previewCodings={data.preview.codings}
        side={
          <>
            <DocumentDetails
              document={document}
              canEdit={data.canEdit}
              result={result}
              savedAt={result && "savedAt" in result ? result.savedAt : undefined}
            />
            <CasePanel projectId={document.projectId} caseKey={document.caseKey} rows={data.caseRows} />
            <DocumentMemos
              memos={data.memos}
              currentUserId={data.user.id}
              canWrite={data.canWriteMemos}
              isOwner={data.role === "owner"}
              result={result}
            />
          </>
        }
      />
    </div>
  );
}
