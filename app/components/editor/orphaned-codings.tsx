import { safeColor } from "./colors";
import { formatWhen } from "./format";
import type { CodeInfo, ResolvedCoding } from "./types";

interface OrphanedCodingsProps {
  orphans: ResolvedCoding[];
  codes: ReadonlyMap<string, CodeInfo>;
  members: Record<string, string>;
  canCode: boolean;
  onRemove(id: string): void;
}

/** Codings whose text was deleted entirely: kept and listed, never silently lost. */
export function OrphanedCodings({ orphans, codes, members, canCode, onRemove }: OrphanedCodingsProps) {
  if (orphans.length === 0) return null;
  return (
    <section className="card thk-side-card thk-orphans" aria-labelledby="orphans-heading">
      <h2 id="orphans-heading">Codings without text ({orphans.length})</h2>
      <p className="meta">The text these were applied to has been deleted. They stay here until someone removes them.</p>
      <ul className="thk-orphans__list">
        {orphans.map((c) => {
          const code = codes.get(c.codeId);
          return (
            <li key={c.id} data-coding-id={c.id}>
              <span className="thk-swatch" style={{ background: safeColor(code?.color) }} aria-hidden="true" />
              <span className="thk-orphans__what">
                <strong>{code?.name ?? "Unknown code"}</strong>
                <span className="meta">
                  {members[c.authorId] ?? "A former member"} · {formatWhen(c.createdAt)}
                </span>
                {c.memo ? <span className="thk-orphans__memo">{c.memo}</span> : null}
              </span>
              {canCode ? (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  aria-label={`Remove the ${code?.name ?? "unknown"} coding without text`}
                  onClick={() => onRemove(c.id)}
                >
                  Remove
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
