import type { FindingDiff } from "~/lib/findings/compare.server";
import { TextDiff } from "./text-diff";

const kindWords = { segment: "Segment", code: "Code", excerpt: "Excerpt" } as const;
const changeWords = { added: "Added", removed: "Removed", changed: "Changed" } as const;

/** What changed between two versions: title and claim word by word, evidence piece by piece. */
export function FindingChanges({ diff }: { diff: FindingDiff }) {
  return (
    <div className="fd-changes" data-testid="finding-changes">
      {diff.title.some((c) => c.kind !== "same") ? <TextDiff changes={diff.title} label="Title" /> : null}
      <h4>Claim</h4>
      <TextDiff changes={diff.claim} label="Claim" />
      <h4>Evidence</h4>
      {diff.evidence.length === 0 ? (
        <p className="hint">The same evidence, with the same numbers.</p>
      ) : (
        <ul className="fd-changes__evidence">
          {diff.evidence.map((change, i) => (
            <li key={i} className={`fd-change fd-change--${change.kind}`}>
              <strong>{changeWords[change.kind]}</strong> {kindWords[change.what].toLowerCase()}: {change.label}
              {change.details.length > 0 ? (
                <ul>
                  {change.details.map((d, j) => (
                    <li key={j}>{d}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** True when the working copy differs from the version it is compared with. */
export const hasChanges = (diff: FindingDiff) =>
  diff.evidence.length > 0 || [...diff.title, ...diff.claim].some((c) => c.kind !== "same");
