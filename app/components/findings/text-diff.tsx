import type { TextChange } from "~/lib/findings/diff";

/** A word-level diff as text: insertions in <ins>, deletions in <del>, never as HTML. */
export function TextDiff({ changes, label }: { changes: TextChange[]; label: string }) {
  if (!changes.some((c) => c.kind !== "same")) return <p className="hint">{label}: unchanged.</p>;
  return (
    <p className="fd-diff" aria-label={label}>
      {changes.map((c, i) =>
        c.kind === "added" ? (
          <ins key={i}>{c.text}</ins>
        ) : c.kind === "removed" ? (
          <del key={i}>{c.text}</del>
        ) : (
          <span key={i}>{c.text}</span>
        ),
      )}
    </p>
  );
}
