import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { authenticate } from "../app/lib/auth/authenticate.server";
import type { AppConfig } from "../app/lib/env.server";
import { errorJson, toErrorResponse } from "../app/lib/http/api.server";
import { DRAIN_FACTOR, payloadTooLarge } from "../app/lib/http/body.server";
import { createServices, type AppServices } from "../app/lib/services.server";
import type { Database } from "../db/client";
import { isCrossSite, SAFE_METHODS } from "./request-guards";
import { securityHeaders } from "./security-headers";
import { sendResponse } from "./send-response";
import { submissionFloodGuard } from "./submission-flood-guard";
import { createCollabServer, defaultCollabOptions, type CollabOptions } from "./collab";
import { createUpgradeHandler, type UpgradeRoute } from "./upgrade";

/** Where documents are created (uploads, pasted transcripts): these get the upload limit. */
const UPLOAD_PATHS = /^\/(api\/v1\/)?projects\/[^/]+\/documents(\/new)?\/?$/;
/** Dataset imports (CSV, streamed to the database): these get the dataset limit. */
const DATASET_IMPORT_PATHS = /^\/api\/v1\/projects\/[^/]+\/datasets\/?$/;
/** REFI-QDA project imports (.qdpx, the API and the page's form): these get the import limit. */
const REFI_IMPORT_PATHS = /^\/(api\/v1\/)?projects\/import\/?$/;

export interface AppServerOptions {
  config: AppConfig;
  db: Database;
  /** Serve the Vite dev server's live build instead of build/ (npm run dev). */
  dev?: boolean;
  /** Extra websocket routes by path prefix, besides the collaboration server's /collab. */
  upgradeRoutes?: Record<string, UpgradeRoute>;
  collab?: CollabOptions;
}

export interface AppServer {
  server: http.Server;
  services: AppServices;
  close(): Promise<void>;
}


export async function createAppServer(opts: AppServerOptions): Promise<AppServer> {
  const { config } = opts;
  const collab = createCollabServer(opts.db, opts.collab ?? defaultCollabOptions);
  const services = createServices(opts.db, config, collab.service);
  await services.jobs.start();
  const app = express();
  const server = http.createServer(app);
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(compression());
  app.use(securityHeaders(!opts.dev, config.mapTileUrl));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite = async () => {};
  if (opts.dev) {
    const vite = await import("vite").then((v) =>
      v.createServer({ server: { middlewareMode: true, hmr: { server } } }),
    );
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    closeVite = () => vite.close();
  } else {
    const buildDir = config.buildDir;
    app.use(
      "/assets",
      // A missing hashed asset is a plain 404, not a trip through the app's router.
      express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y", fallthrough: false }),
    );
    // API requests never look on disk: a stat per request cost ~10% of API throughput.
    const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
    app.use((req, res, next) => (req.path.startsWith("/api/") ? next() : publicFiles(req, res, next)));
    build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  }

  app.use((req, res, next) => {
    // Refuse a declared oversized body before parsing it (routes also cap chunked ones). Node
    // discards the unread body to keep the connection; an absurd one closes it instead.
    const declared = Number(req.headers["content-length"] ?? 0);
    const limit = DATASET_IMPORT_PATHS.test(req.path)
      ? config.maxDatasetBytes
      : REFI_IMPORT_PATHS.test(req.path)
        ? config.maxImportBytes
      : UPLOAD_PATHS.test(req.path)
        ? config.maxUploadBytes
        : config.maxBodyBytes;
    if (declared > limit) {
      if (declared > limit * DRAIN_FACTOR) res.setHeader("Connection", "close");
      void sendResponse(res, toErrorResponse(payloadTooLarge(limit)));
      return;
    }
    if (!SAFE_METHODS.has(req.method) && isCrossSite(req.headers)) {
      void sendResponse(
        res,
        errorJson(403, "cross_site_request", "Cross-site requests are not accepted."),
      );
      return;
    }
    next();
  });

  app.use(submissionFloodGuard(services));

  app.use((req, res, next) => {
    authenticate(
      services.db,
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      { sessionTtlDays: config.sessionTtlDays, cookieSecure: config.cookieSecure },
    )
      .then(({ auth, setCookie }) => {
        if (setCookie) res.append("Set-Cookie", setCookie);
        res.locals.auth = auth;
        next();
      })
      .catch(next);
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: opts.dev ? "development" : "production",
      getLoadContext: (req, res): AppLoadContext => ({
        services,
        auth: res.locals.auth ?? null,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce as string,
      }),
    }),
  );

  server.on(
    "upgrade",
    createUpgradeHandler(services, { "/collab": collab.route, ...opts.upgradeRoutes }, { passthrough: Boolean(opts.dev) }),
  );

  return {
    server,
    services,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await services.jobs.stop(); // the job in hand finishes its batch and ends
      await collab.close(); // flushes every pending update and projection
      server.closeAllConnections();
      await closed;
      await closeVite();
    },
  };
}
