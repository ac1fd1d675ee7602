import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Auth } from "../app/lib/auth/authenticate.server";
import { authenticate } from "../app/lib/auth/authenticate.server";
import type { AppServices } from "../app/lib/services.server";
import { isCrossSite } from "./request-guards";

/** Called only after the request is authenticated; it may still refuse (403, 404). */
export type UpgradeRoute = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  auth: Auth,
  url: URL,
) => void | Promise<void>;

export function refuseUpgrade(socket: Duplex, status: number, reason: string) {
  const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/\s+/g, "_"), message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The websocket seam on the app's own HTTP server: a request is matched to a route by path
 * prefix, checked for cross-site origin, and authenticated (session cookie or ?token=)
 * before any route sees it, so no socket is ever accepted for an anonymous caller.
 * Paths no route claims are left alone when `passthrough` (Vite's HMR in development).
 */
export function createUpgradeHandler(
  services: AppServices,
  routes: Record<string, UpgradeRoute>,
  { passthrough }: { passthrough: boolean },
) {
  return async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const prefix = Object.keys(routes).find(
      (p) => url.pathname === p || url.pathname.startsWith(`${p}/`),
    );
    if (!prefix) {
      if (!passthrough) refuseUpgrade(socket, 404, "Not Found");
      return;
    }
    socket.on("error", () => socket.destroy());
    try {
      if (isCrossSite(req.headers)) return refuseUpgrade(socket, 403, "Forbidden");
      const { auth } = await authenticate(
        services.db,
        { authorization: req.headers.authorization, cookie: req.headers.cookie },
        { sessionTtlDays: services.config.sessionTtlDays, cookieSecure: services.config.cookieSecure },
        url.searchParams.get("token"),
      );
      if (!auth) return refuseUpgrade(socket, 401, "Unauthorized");
      await routes[prefix]!(req, socket, head, auth, url);
    } catch (err) {
      console.error("websocket upgrade failed", err);
      refuseUpgrade(socket, 500, "Internal Server Error");
    }
  };
}
