/**
 * What the bare node:http + pg baselines share: answering JSON, the health check the benches
 * wait for, the pool, and a clean stop. Each baseline brings its one route.
 */
import http from "node:http";
import pg from "pg";

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** A pool of 10 over DATABASE_URL, as Thicket's own. */
export const baselinePool = () => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

/**
 * Serves `route` (it answers true when the request was its own) on PORT, plus `GET /` for
 * readiness; a 500 for a route that fails, 404 otherwise. SIGINT/SIGTERM close it and the pool.
 */
export function serveBaseline(
  pool: pg.Pool,
  defaultPort: number,
  route: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<unknown> | false,
) {
  const server = http.createServer((req, res) => {
    const handled = route(req, res);
    if (handled) {
      handled.catch((err: unknown) => {
        console.error(err);
        if (!res.headersSent) sendJson(res, 500, { error: { code: "internal" } });
      });
      return;
    }
    if (req.method === "GET" && req.url === "/") return sendJson(res, 200, { ok: true });
    sendJson(res, 404, { error: { code: "not_found" } });
  });
  const port = Number(process.env.PORT ?? defaultPort);
  server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));
  const stop = () => {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
