import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/**
 * A strict CSP with a per-request nonce for Remix's own inline scripts, so even if user text
 * ever reached the page as markup it could not run. Development relaxes it for Vite's HMR.
 */
export function securityHeaders(production: boolean, mapTileUrl: string | null = null) {
  // Map tiles for the location picker are the one thing a page loads from elsewhere.
  const imgSrc = ["'self'", "data:", "blob:", ...(mapTileUrl ? [tileOrigin(mapTileUrl)] : [])].join(" ");
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const scriptSrc = production ? `'self' 'nonce-${nonce}'` : `'self' 'unsafe-inline'`;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src ${scriptSrc}`,
        "style-src 'self' 'unsafe-inline'",
        `img-src ${imgSrc}`,
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    // A receipt link is its contribution's only key: never let it leave in a Referer.
    res.setHeader("Referrer-Policy", req.path.startsWith("/receipts/") ? "no-referrer" : "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  };
}

/** The scheme and host of a tile URL template; a `{s}` subdomain becomes CSP's `*.` wildcard. */
export function tileOrigin(template: string): string {
  const origin = /^https?:\/\/[^/]+/.exec(template)?.[0] ?? "";
  return origin.replace("{s}", "*");
}
