import { ConnectionBanner } from "./connection-banner";
import { shiftShortcut } from "./format";
import { PresenceList } from "./presence-list";
import type { SessionSnapshot } from "./types";

interface EditorToolbarProps {
  snapshot: SessionSnapshot;
  /** The editor is up (synced and loaded). */
  ready: boolean;
  refused: boolean;
  notice: string;
  mod: string;
  canCode: boolean;
  canEdit: boolean;
  selectionEmpty: boolean;
  onCode(): void;
  onRedact(): void;
  onUndo(): void;
  onRedo(): void;
}

/** Connection, who is here, the last thing that happened, and the editing actions. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { snapshot, ready, refused, notice, mod, canCode, canEdit, selectionEmpty } = props;
  const loginHref = typeof location === "undefined" ? "/login" : `/login?redirectTo=${encodeURIComponent(location.pathname)}`;
  return (
    <div className="thk-toolbar">
      <ConnectionBanner state={snapshot.connection} loginHref={loginHref} />
      {ready && !refused ? <PresenceList present={snapshot.present} /> : null}
      <p className="thk-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <div className="thk-toolbar__actions">
        {canCode ? (
          <button
            type="button"
            className="btn btn--small"
            disabled={!ready || selectionEmpty || refused}
            title={selectionEmpty ? "Select some text first" : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={props.onCode}
          >
            Code selection <kbd>{mod}+K</kbd>
          </button>
        ) : null}
        {canEdit ? (
          <>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={!ready || selectionEmpty || refused}
              title={selectionEmpty ? "Select some text first" : "Replace the selection with a placeholder such as [NAME]"}
              aria-keyshortcuts="Control+Shift+X Meta+Shift+X"
              onMouseDown={(e) => e.preventDefault()}
              onClick={props.onRedact}
            >
              Redact selection <kbd>{shiftShortcut(mod, "X")}</kbd>
            </button>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={!snapshot.canUndo || refused}
              aria-keyshortcuts="Control+Z Meta+Z"
              onClick={props.onUndo}
            >
              Undo
            </button>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={!snapshot.canRedo || refused}
              aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
              onClick={props.onRedo}
            >
              Redo
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
