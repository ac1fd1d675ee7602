/**
 * The websocket close codes the server sends and the editor reads, in one place so the two
 * cannot drift apart. 44xx codes mean "do not come back": the stock y-websocket client stops
 * retrying after them.
 */
/** The session or access token the socket was opened with ended (logout, revoked, expired). */
export const CLOSE_SIGNED_OUT = 4401;
/** An edit would take the document past its size limit; it was not saved. */
export const CLOSE_TOO_LARGE = 4413;

/** Why the editor stopped: what a refused socket's close code means to the person at it. */
export type Refusal = "denied" | "signed-out" | "too-large";

export function refusalOf(code: number): Refusal {
  if (code === CLOSE_SIGNED_OUT) return "signed-out";
  if (code === CLOSE_TOO_LARGE) return "too-large";
  return "denied";
}
