import type { Refusal } from "~/lib/collab/close-codes";
import type { ConnectionState } from "./types";

const isRefusal = (state: ConnectionState): state is Refusal =>
  state === "denied" || state === "signed-out" || state === "too-large";

const messages: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting… your edits are kept and will sync",
  offline: "Offline · your edits are kept and will sync when you are back online",
  denied: "You no longer have access to this document.",
  "signed-out": "Your session has ended. Log in again to keep working.",
  "too-large": "This document has reached its limit of 5,000,000 characters, so your last change was not saved.",
};

/** The socket's state in words; a refusal is an alert, the rest a polite status. */
export function ConnectionBanner({ state, loginHref }: { state: ConnectionState; loginHref: string }) {
  if (isRefusal(state)) {
    return (
      <div className="alert alert--error thk-connection thk-connection--error" role="alert">
        {messages[state]}{" "}
        {state === "signed-out" ? (
          <a href={loginHref}>Log in</a>
        ) : state === "too-large" ? (
          <button type="button" className="btn btn--small btn--secondary" onClick={() => window.location.reload()}>
            Reload to keep working
          </button>
        ) : (
          <a href="/projects">Back to your projects</a>
        )}
      </div>
    );
  }
  return (
    <div className={`thk-connection thk-connection--${state}`} role="status" data-state={state}>
      <span className="thk-connection__dot" aria-hidden="true" />
      {messages[state]}
    </div>
  );
}
