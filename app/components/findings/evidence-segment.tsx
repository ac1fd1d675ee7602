import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ComparisonChart } from "~/components/segments/comparison-chart";
import { ComparisonTable } from "~/components/segments/comparison-table";
import { sizeSentence } from "~/components/segments/format";
import type { SegmentEvidence } from "~/lib/findings/types";
import { EvidenceNote } from "./evidence-note";

/** A segment as evidence: which rows, how many, and its numbers beside the rest of the dataset. */
export function EvidenceSegment({ evidence, projectId, children }: { evidence: SegmentEvidence; projectId: string; children?: ReactNode }) {
  const { segment } = evidence;
  return (
    <article className="fd-evidence fd-evidence--segment" id={`evidence-${evidence.id}`} data-testid="evidence-segment">
      <header className="fd-evidence__head">
        <span className="fd-evidence__kind">Segment</span>
        <h4 className="fd-evidence__title">
          {segment && projectId ? <Link to={`/projects/${projectId}/segments/${segment.id}`}>{segment.name}</Link> : evidence.label}
        </h4>
      </header>
      {segment ? (
        <>
          <p className="fd-evidence__line">
            Rows of <strong>{segment.datasetName}</strong> where {segment.description}.
          </p>
          <p className="fd-evidence__line fd-evidence__size" data-testid="segment-size">
            {sizeSentence(segment.size, segment.datasetRows)}
          </p>
          <div className="fd-segment-numbers">
            <ComparisonChart comparison={segment.comparison} />
            <ComparisonTable comparison={segment.comparison} caption={`Mean inside “${segment.name}” vs the rest`} compact />
          </div>
        </>
      ) : (
        <p className="alert alert--warn fd-gone">The segment “{evidence.label}” was deleted. Its numbers are no longer shown here.</p>
      )}
      <EvidenceNote note={evidence.note} />
      {children}
    </article>
  );
}
