import type { ReactNode } from "react";
import type { CodeEvidence, Evidence, ExcerptEvidence, SegmentEvidence } from "~/lib/findings/types";
import { LocalTime } from "../documents/local-time";
import { Markdown } from "../markdown";
import { CodeItem, QuoteBlock, SegmentBlock } from "./evidence-blocks";

export interface AcceptedVersion {
  title: string;
  claim: string;
  version: number;
  acceptedAt: string;
  /** Left out on a public link: readers there see no names of the project's people. */
  acceptedBy?: { name: string } | null;
  evidence: Evidence[];
}

/**
 * The body of one accepted finding: the version line, the claim, then its segments (size,
 * table and chart), codes with their counts and quotes. Shared by the council report (title at
 * h2, under the report's h1) and the public link (title at h1).
 */
export function AcceptedFinding({
  finding,
  titleLevel,
  titlePrefix,
  titleId,
}: {
  finding: AcceptedVersion;
  titleLevel: 1 | 2;
  titlePrefix?: string;
  titleId?: string;
}) {
  const Title = titleLevel === 1 ? "h1" : "h2";
  const Section = titleLevel === 1 ? "h2" : "h3";
  const sub = titleLevel === 1 ? 3 : 4;
  const segments = finding.evidence.filter((e): e is SegmentEvidence => e.kind === "segment");
  const codes = finding.evidence.filter((e): e is CodeEvidence => e.kind === "code");
  const quotes = finding.evidence.filter((e): e is ExcerptEvidence => e.kind === "excerpt");
  return (
    <>
      <Title id={titleId} className="report-finding__title" data-testid="finding-title">
        {titlePrefix}
        {finding.title}
      </Title>
      <p className="report-finding__version" data-testid="finding-version">
        Version {finding.version}, accepted on <LocalTime value={finding.acceptedAt} withTime={false} />
        {finding.acceptedBy?.name ? ` by ${finding.acceptedBy.name}` : ""}
      </p>
      <Part heading="Claim" Heading={Section}>
        {finding.claim.trim() ? (
          <Markdown text={finding.claim} className="md report-claim" headingLevel={sub} />
        ) : (
          <p className="meta">No claim was written for this version.</p>
        )}
      </Part>
      {segments.length > 0 ? (
        <Part heading={segments.length === 1 ? "Segment" : "Segments"} Heading={Section}>
          {segments.map((e) => (
            <SegmentBlock key={e.id || e.label} evidence={e} headingLevel={sub === 3 ? 3 : 4} />
          ))}
        </Part>
      ) : null}
      {codes.length > 0 ? (
        <Part heading="Codes" Heading={Section}>
          <ul className="report-codes">
            {codes.map((e, i) => (
              <CodeItem key={e.id || i} evidence={e} segmentNames={segmentNamer(segments)} />
            ))}
          </ul>
        </Part>
      ) : null}
      {quotes.length > 0 ? (
        <Part heading={quotes.length === 1 ? "Quote" : "Quotes"} Heading={Section}>
          {quotes.map((e, i) => (
            <QuoteBlock key={e.id || i} evidence={e} />
          ))}
        </Part>
      ) : null}
    </>
  );
}

function Part({ heading, Heading, children }: { heading: string; Heading: "h2" | "h3"; children: ReactNode }) {
  return (
    <div className="report-part">
      <Heading className="report-part__heading">{heading}</Heading>
      {children}
    </div>
  );
}

/**
 * Names the segment each of a code's per-segment counts is inside. A public link blanks the
 * segments' ids; with a single segment the count can only be that one's, with several it
 * cannot be told apart and is left out rather than guessed.
 */
function segmentNamer(segments: SegmentEvidence[]) {
  const live = segments.flatMap((e) => (e.segment ? [e.segment] : []));
  const byId = new Map(live.filter((s) => s.id !== "").map((s) => [s.id, s.name]));
  return (segmentId: string) => {
    if (segmentId !== "") return byId.get(segmentId) ?? null;
    return live.length === 1 ? live[0]!.name : null;
  };
}
