import type { ReactNode } from "react";
import { formatCount } from "~/components/segments/format";
import type { CodeEvidence } from "~/lib/findings/types";
import { EvidenceNote } from "./evidence-note";

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * A code as evidence: how often it is used in the project, and inside each segment of the
 * finding (`segmentNames` gives those segments' names).
 */
export function EvidenceCode({
  evidence,
  segmentNames,
  children,
}: {
  evidence: CodeEvidence;
  segmentNames: Record<string, string>;
  children?: ReactNode;
}) {
  const { code, counts } = evidence;
  return (
    <article className="fd-evidence fd-evidence--code" id={`evidence-${evidence.id}`} data-testid="evidence-code">
      <header className="fd-evidence__head">
        <span className="fd-evidence__kind">Code</span>
        {code ? <span className="swatch" style={{ background: code.color }} aria-hidden="true" /> : null}
        <h4 className="fd-evidence__title">{code?.name ?? evidence.label}</h4>
      </header>
      {code ? (
        <>
          <p className="fd-evidence__line" data-testid="code-counts">
            Coded {counts.codings === 1 ? "once" : `${formatCount(counts.codings)} times`} in {formatCount(counts.documents)} of{" "}
            {plural(counts.projectDocuments, "document")}.
          </p>
          {counts.bySegment.length > 0 ? (
            <ul className="fd-evidence__by-segment">
              {counts.bySegment.map((s) => (
                <li key={s.segmentId}>
                  In {segmentNames[s.segmentId] ?? "a segment"}: {plural(s.codings, "coding")}, {plural(s.documents, "document")},{" "}
                  {plural(s.cases, "case")}
                </li>
              ))}
            </ul>
          ) : null}
          {code.description ? <p className="fd-evidence__desc">{code.description}</p> : null}
        </>
      ) : (
        <p className="alert alert--warn fd-gone">The code “{evidence.label}” was deleted. Its counts are no longer shown here.</p>
      )}
      <EvidenceNote note={evidence.note} />
      {children}
    </article>
  );
}
