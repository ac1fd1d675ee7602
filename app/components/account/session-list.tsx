import { ConfirmDialog } from "../confirm-dialog";
import { formatDateTime } from "./tokens-table";

export interface SessionRow {
  id: string;
  /** The browser in words ("Firefox on Windows"). */
  device: string;
  createdAt: string | Date;
  lastSeenAt: string | Date | null;
  expiresAt: string | Date;
  current: boolean;
  ip: string | null;
}

/** Where the person is signed in; every session but this one can be signed out, after asking. */
export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  return (
    <ul className="session-list" aria-label="Sessions">
      {sessions.map((s) => (
        <li key={s.id} className="session-list__item" data-testid="session">
          <div className="session-list__what">
            <strong>{s.device}</strong>
            {s.current ? <span className="badge">This device</span> : null}
            <span className="meta">
              <span>
                Signed in {formatDateTime(s.createdAt)}
                {s.ip ? ` from ${s.ip}` : ""}
              </span>
              <span>Last active {formatDateTime(s.lastSeenAt ?? s.createdAt)}</span>
              <span>Expires {formatDateTime(s.expiresAt)}</span>
            </span>
          </div>
          {s.current ? null : (
            <ConfirmDialog
              trigger="Sign out"
              triggerClassName="btn btn--secondary btn--small"
              title={`Sign out ${s.device}?`}
              confirmLabel="Sign out"
              fields={{ intent: "end-session", sessionId: s.id }}
            >
              <p>That browser will need to log in again, and any document open there closes at once.</p>
            </ConfirmDialog>
          )}
        </li>
      ))}
    </ul>
  );
}
