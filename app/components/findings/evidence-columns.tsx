import type { ReactNode } from "react";
import type { Evidence } from "~/lib/findings/types";
import { EvidenceCode } from "./evidence-code";
import { EvidenceExcerpt } from "./evidence-excerpt";
import { EvidenceSegment } from "./evidence-segment";

/**
 * The evidence side by side: the pattern in the numbers (segments, codes) on the left, the
 * participants' words (excerpts) on the right, so a reader weighs both at once. `extra` adds
 * per-piece controls and comments on the finding page; the version page shows them bare.
 */
export function EvidenceColumns({
  evidence,
  projectId,
  extra,
  emptyPattern,
  emptyWords,
}: {
  evidence: Evidence[];
  projectId: string;
  extra?: (e: Evidence) => ReactNode;
  emptyPattern?: ReactNode;
  emptyWords?: ReactNode;
}) {
  const pattern = evidence.filter((e) => e.kind !== "excerpt");
  const words = evidence.filter((e) => e.kind === "excerpt");
  const segmentNames = Object.fromEntries(
    evidence.flatMap((e) => (e.kind === "segment" && e.segment ? [[e.segment.id, e.segment.name] as const] : [])),
  );
  return (
    <div className="fd-columns">
      <section className="fd-column" aria-labelledby="fd-pattern-heading">
        <h3 id="fd-pattern-heading">The pattern</h3>
        {pattern.length === 0 ? (emptyPattern ?? <p className="hint">No segment or code yet.</p>) : null}
        {pattern.map((e) =>
          e.kind === "segment" ? (
            <EvidenceSegment key={e.id} evidence={e} projectId={projectId}>
              {extra?.(e)}
            </EvidenceSegment>
          ) : e.kind === "code" ? (
            <EvidenceCode key={e.id} evidence={e} segmentNames={segmentNames}>
              {extra?.(e)}
            </EvidenceCode>
          ) : null,
        )}
      </section>
      <section className="fd-column" aria-labelledby="fd-words-heading">
        <h3 id="fd-words-heading">In their words</h3>
        {words.length === 0 ? (emptyWords ?? <p className="hint">No excerpt yet.</p>) : null}
        {words.map((e) =>
          e.kind === "excerpt" ? (
            <EvidenceExcerpt key={e.id} evidence={e} projectId={projectId}>
              {extra?.(e)}
            </EvidenceExcerpt>
          ) : null,
        )}
      </section>
    </div>
  );
}
