import { safeColor } from "./colors";
import type { PresentUser } from "./types";

/** Who else has the document open, each in the colour of their cursor. */
export function PresenceList({ present }: { present: PresentUser[] }) {
  return (
    <div className="thk-presence" aria-label="People in this document">
      {present.length === 0 ? (
        <span className="thk-presence__alone">Only you here</span>
      ) : (
        <ul className="thk-presence__list">
          {present.map((p) => (
            <li key={p.id} className="thk-presence__person" data-testid="present-user">
              <span className="thk-dot" style={{ background: safeColor(p.color) }} aria-hidden="true" />
              {p.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
