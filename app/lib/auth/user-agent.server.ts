import Bowser from "bowser";

const MAX_RAW_CHARS = 60;

/**
 * A session's browser in words a person recognises ("Firefox on Windows"); a client that is not
 * a browser (a script, curl) is shown by the start of what it sent.
 */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return userAgent.length > MAX_RAW_CHARS ? `${userAgent.slice(0, MAX_RAW_CHARS)}…` : userAgent;
  return os.name ? `${browser.name} on ${os.name}` : browser.name;
}
