import type { Database } from "../../db/client";
import type { Auth } from "./auth/authenticate.server";
import type { SignInClient } from "./auth/session.server";
import type { CollabService } from "./collab/service";
import type { AppConfig } from "./env.server";
import { createJobQueue } from "./jobs/registry.server";
import type { JobQueue } from "./jobs/queue.server";
import { createRateLimiters, type RateLimiters } from "./rate-limit.server";

/** Long-lived things a request may use, created once by the server and handed to Remix. */
export interface AppServices {
  db: Database;
  config: AppConfig;
  limiters: RateLimiters;
  collab: CollabService;
  /** Background jobs; started by the server (createAppServer), stopped on close. */
  jobs: JobQueue;
}

export function createServices(db: Database, config: AppConfig, collab: CollabService): AppServices {
  return { db, config, limiters: createRateLimiters(config.rateLimits), collab, jobs: createJobQueue(db, config) };
}

/** Remix's load context: services plus what the server learnt about this request. */
export interface RequestContext {
  services: AppServices;
  auth: Auth | null;
  clientIp: string;
  /** Nonce for Remix's inline scripts under the Content-Security-Policy. */
  cspNonce: string;
}

/** Who is signing in from where, kept with the new session (see the account page). */
export function signInClient(request: Request, ctx: RequestContext): SignInClient {
  return { ip: ctx.clientIp, userAgent: request.headers.get("user-agent") };
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
