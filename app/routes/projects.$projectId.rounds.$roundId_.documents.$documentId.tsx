import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { and, asc, eq } from "drizzle-orm";
import { CollabEditor } from "~/components/editor/collab-editor";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { notFound } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { roundRoom } from "~/lib/rounds/room";
import { getRound } from "~/lib/rounds/rounds.server";
import { listCodes } from "~/lib/services/codes.server";
import editorStyles from "~/styles/editor.css?url";
import roundStyles from "~/styles/rounds.css?url";
import { documents, roundCodings } from "../../db/schema";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
  { rel: "stylesheet", href: roundStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.document.title} · ${data.round.name} · Thicket` : "Coding round · Thicket" },
];

/**
 * A coder's own layer of a document in an open round: the usual editor on their copy of the
 * text, showing their codings only. Anyone else, or a closed round, is sent to the round page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, projectId, "documents:read");
    const round = await getRound(context.services, params.roundId!, projectId, { userId: user.id, role });
    const index = round.documents.findIndex((d) => d.id === params.documentId);
    if (index === -1) throw notFound("Document not found in this round.");
    const mayCode = can(user, "codings:edit", { kind: "project", projectId, role });
    if (round.status !== "open" || !mayCode || !round.coders.some((c) => c.id === user.id)) {
      throw redirect(`/projects/${projectId}/rounds/${round.id}`);
    }
    const documentId = params.documentId!;
    const [doc] = await context.services.db
      .select({ title: documents.title, text: documents.text })
      .from(documents)
      .where(eq(documents.id, documentId));
    const [codes, own] = await Promise.all([
      listCodes(context.services, projectId),
      context.services.db
        .select({ codeId: roundCodings.codeId, start: roundCodings.start, end: roundCodings.end })
        .from(roundCodings)
        .where(and(eq(roundCodings.roundId, round.id), eq(roundCodings.documentId, documentId), eq(roundCodings.coderId, user.id)))
        .orderBy(asc(roundCodings.start)),
    ]);
    const next = round.documents[index + 1] ?? null;
    return {
      round: { id: round.id, name: round.name, instructions: round.instructions },
      position: { index: index + 1, total: round.documents.length, next },
      document: { id: documentId, projectId, title: doc?.title ?? "" },
      // The round's copy started as the document's text; the editor shows it once it has synced.
      preview: { text: (doc?.text ?? "").slice(0, 20_000), truncated: (doc?.text.length ?? 0) > 20_000, codings: own },
      room: roundRoom({ roundId: round.id, coderId: user.id, documentId }),
      user: { id: user.id, name: user.name },
      canProposeCodes: can(user, "codes:propose", { kind: "project", projectId, role }),
      codes: codes.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, color: c.color, description: c.description, codable: c.codable })),
    };
  });
}

export default function RoundDocumentPage() {
  const data = useLoaderData<typeof loader>();
  const { round, document, position } = data;
  const roundHref = `/projects/${document.projectId}/rounds/${round.id}`;
  return (
    <div className="thk-page">
      <div className="thk-doc-head">
        <nav className="thk-breadcrumb" aria-label="Breadcrumb">
          <Link to={`/projects/${document.projectId}/rounds`}>Coding rounds</Link>
          <span aria-hidden="true"> › </span>
          <Link to={roundHref}>{round.name}</Link>
          <span aria-hidden="true"> › </span>
        </nav>
        <h2 className="thk-doc-title">{document.title}</h2>
        <p className="meta">
          Document {position.index} of {position.total}
          {position.next ? (
            <>
              {" · "}
              <Link to={`${roundHref}/documents/${position.next.id}`}>Next: {position.next.title}</Link>
            </>
          ) : null}
        </p>
      </div>
      <CollabEditor
        key={data.room}
        room={data.room}
        documentId={document.id}
        projectId={document.projectId}
        user={data.user}
        canEdit={false}
        lockText
        canCode
        canProposeCodes={data.canProposeCodes}
        members={{ [data.user.id]: data.user.name }}
        initialCodes={data.codes}
        previewText={data.preview.text}
        previewTruncated={data.preview.truncated}
        previewCodings={data.preview.codings}
        note={
          <p className="rd-banner" data-testid="round-banner">
            Coding round “{round.name}”: you see only your own codings, and nobody sees them until the round is revealed. The text
            is fixed for the round.
          </p>
        }
        side={
          round.instructions ? (
            <section className="card thk-side-card" aria-labelledby="round-instructions">
              <h3 id="round-instructions">Instructions</h3>
              <p className="rd-instructions">{round.instructions}</p>
            </section>
          ) : null
        }
      />
    </div>
  );
}
