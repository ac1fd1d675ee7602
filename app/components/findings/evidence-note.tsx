/** Why a piece of evidence matters, in its author's words (plain text). */
export function EvidenceNote({ note }: { note: string }) {
  if (!note) return null;
  return (
    <p className="fd-evidence__note" data-testid="evidence-note">
      <span className="fd-evidence__note-label">Note: </span>
      {note}
    </p>
  );
}
