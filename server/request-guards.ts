import type { IncomingHttpHeaders } from "node:http";

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence on top of SameSite=Lax cookies: true when a browser says the request comes
 * from another site. Browsers always send Origin on cross-site POSTs and websocket upgrades;
 * scripts that send none are not browsers and carry no ambient-cookie risk.
 */
export function isCrossSite(headers: IncomingHttpHeaders): boolean {
  if (headers["sec-fetch-site"] === "cross-site") return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true; // "null" or garbage: an opaque origin is never ours
  }
}
