import type { CodeEvidence, ExcerptEvidence, SegmentEvidence } from "~/lib/findings/types";
import { ComparisonChart } from "../segments/comparison-chart";
import { ComparisonTable } from "../segments/comparison-table";
import { formatCount, formatShare, sizeSentence } from "../segments/format";

/**
 * An accepted version's evidence as a reader of the report (or of a public link) sees it:
 * plain text and numbers, no links into the project. Everything here is user text rendered
 * as text.
 */

function Note({ note }: { note: string }) {
  return note ? <p className="report-note">Note: {note}</p> : null;
}

export function SegmentBlock({ evidence, headingLevel }: { evidence: SegmentEvidence; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const s = evidence.segment;
  if (!s) {
    return (
      <div className="report-segment">
        <Heading>{evidence.label}</Heading>
        <p className="report-gone">This segment was deleted before the version was accepted; its numbers are not available.</p>
        <Note note={evidence.note} />
      </div>
    );
  }
  return (
    <div className="report-segment">
      <Heading>{s.name}</Heading>
      <p className="report-segment__size" data-testid="report-segment-size">
        Rows of <strong>{s.datasetName}</strong> where {s.description}: {sizeSentence(s.size, s.datasetRows)}.
      </p>
      <Note note={evidence.note} />
      <div className="report-segment__numbers">
        <ComparisonTable comparison={s.comparison} caption={`Mean inside “${s.name}” vs the rest of ${s.datasetName}`} />
        <ComparisonChart comparison={s.comparison} />
      </div>
    </div>
  );
}

/** `segmentNames`: the finding's segments by id, to say which segment each count is inside. */
export function CodeItem({ evidence, segmentNames }: { evidence: CodeEvidence; segmentNames: (segmentId: string) => string | null }) {
  const { counts } = evidence;
  const inside = counts.bySegment
    .map((s) => ({ ...s, name: segmentNames(s.segmentId) }))
    .filter((s): s is typeof s & { name: string } => s.name !== null);
  return (
    <li className="report-code" data-testid="report-code">
      <strong>{evidence.code?.name ?? evidence.label}</strong>
      {evidence.code ? null : <span className="meta"> (this code was deleted before the version was accepted)</span>}:{" "}
      {formatCount(counts.codings)} coding{counts.codings === 1 ? "" : "s"} in {formatCount(counts.documents)} of{" "}
      {formatCount(counts.projectDocuments)} documents ({formatShare(counts.documents, counts.projectDocuments)}).
      {inside.length > 0 ? (
        <ul className="report-code__segments">
          {inside.map((s) => (
            <li key={`${s.segmentId}-${s.name}`}>
              Inside “{s.name}”: {formatCount(s.codings)} coding{s.codings === 1 ? "" : "s"} in {formatCount(s.documents)} document
              {s.documents === 1 ? "" : "s"} ({formatCount(s.cases)} case{s.cases === 1 ? "" : "s"}).
            </li>
          ))}
        </ul>
      ) : null}
      <Note note={evidence.note} />
    </li>
  );
}

/** What the reader is told instead of a quote that was taken back. */
const goneText: Partial<Record<ExcerptEvidence["state"], string>> = {
  redacted: "This quote was removed because its document was redacted.",
  withdrawn: "This quote was withdrawn by its contributor and is no longer shown.",
};

export function QuoteBlock({ evidence }: { evidence: ExcerptEvidence }) {
  const source = [evidence.documentTitle, evidence.code ? `coded “${evidence.code.name}”` : null].filter(Boolean).join(", ");
  const gone = evidence.quote === "" ? (goneText[evidence.state] ?? "This quote is not available.") : null;
  return (
    <figure className={`report-quote report-quote--${evidence.state}`} data-testid="report-quote">
      {gone ? (
        <p className="report-gone">{gone}</p>
      ) : (
        <blockquote className="report-quote__text">
          <p>{evidence.quote}</p>
        </blockquote>
      )}
      <figcaption className="report-quote__source">
        {source ? `— ${source}` : evidence.state === "withdrawn" ? null : `— ${evidence.label}`}
        {evidence.state === "redacted" && !gone ? " (part of its document was redacted since)" : null}
        {evidence.state === "removed" ? " (the coding has since been removed from its document)" : null}
        {evidence.state === "changed" ? " (the coded text changed after it was chosen)" : null}
      </figcaption>
      <Note note={evidence.note} />
    </figure>
  );
}
