import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatCount } from "~/components/segments/format";
import type { ExcerptEvidence } from "~/lib/findings/types";
import { EvidenceNote } from "./evidence-note";

/** What happened to the passage since it was chosen, said plainly above it. */
function StateNotice({ evidence }: { evidence: ExcerptEvidence }) {
  switch (evidence.state) {
    case "changed":
      return <p className="fd-excerpt__state" data-testid="excerpt-state">The coded text has changed since this excerpt was chosen.</p>;
    case "removed":
      return <p className="fd-excerpt__state" data-testid="excerpt-state">The coding was removed from its document. This is the quote as it was saved.</p>;
    case "redacted":
      return (
        <p className="fd-excerpt__state" data-testid="excerpt-state">
          {evidence.quote ? "The document was redacted: the quote shows the redacted text." : "The document was redacted: the saved quote was cleared."}
        </p>
      );
    case "withdrawn":
      return <p className="fd-excerpt__state" data-testid="excerpt-state">Its contributor withdrew this contribution, so the quote is no longer shown.</p>;
    default:
      return null;
  }
}

/** How typical the excerpt is: among all the code's codings in the project. */
function Typicality({ evidence }: { evidence: ExcerptEvidence }) {
  const { code, codeCounts } = evidence;
  if (!code || !codeCounts) return null;
  return (
    <p className="fd-excerpt__typical" data-testid="excerpt-typical">
      One of {formatCount(codeCounts.codings)} excerpt{codeCounts.codings === 1 ? "" : "s"} coded {code.name}, in {formatCount(codeCounts.documents)} of{" "}
      {formatCount(codeCounts.projectDocuments)} documents.
    </p>
  );
}

/** An excerpt as evidence: the participant's words, where they come from, and how typical they are. */
export function EvidenceExcerpt({ evidence, projectId, children }: { evidence: ExcerptEvidence; projectId: string; children?: ReactNode }) {
  const title = evidence.documentTitle ?? evidence.label;
  const openable = projectId && evidence.documentId && evidence.state !== "withdrawn";
  return (
    <article className={`fd-evidence fd-excerpt fd-excerpt--${evidence.state}`} id={`evidence-${evidence.id}`} data-testid="evidence-excerpt">
      <StateNotice evidence={evidence} />
      {evidence.state !== "withdrawn" && evidence.quote ? (
        <blockquote className="fd-excerpt__quote" data-testid="excerpt-quote">
          {evidence.quote}
        </blockquote>
      ) : null}
      {evidence.savedQuote !== null ? (
        <div className="fd-excerpt__was">
          <span className="fd-excerpt__was-label">When chosen:</span>
          <blockquote className="fd-excerpt__quote fd-excerpt__quote--was" data-testid="excerpt-saved-quote">
            {evidence.savedQuote}
          </blockquote>
        </div>
      ) : null}
      <p className="fd-excerpt__source">
        <span className="fd-excerpt__doc">{title}</span>
        {evidence.code ? (
          <span className="fd-excerpt__code">
            <span className="swatch" style={{ background: evidence.code.color }} aria-hidden="true" />
            {evidence.code.name}
          </span>
        ) : null}
        {openable ? (
          <Link
            className="fd-excerpt__open"
            to={`/projects/${projectId}/documents/${evidence.documentId}${evidence.state === "removed" ? "" : `?coding=${encodeURIComponent(evidence.codingId)}`}`}
          >
            Open in document<span className="visually-hidden">: {title}</span>
          </Link>
        ) : null}
      </p>
      <Typicality evidence={evidence} />
      <EvidenceNote note={evidence.note} />
      {children}
    </article>
  );
}
