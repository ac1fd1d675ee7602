import type { NextFunction, Request, Response } from "express";
import { toErrorResponse } from "../app/lib/http/api.server";
import { tooManyRequests } from "../app/lib/http/errors.server";
import type { AppServices } from "../app/lib/services.server";
import { sendResponse } from "./send-response";

const SUBMISSIONS = /^\/api\/v1\/forms\/[^/]+\/submissions\/?$/;

/**
 * An address already past its submission limit is answered 429 here, before its body is read
 * and the request goes through Remix: a flood from one address then costs next to nothing.
 * It only looks; the submission itself spends the point (and decides every other case).
 */
export function submissionFloodGuard(services: AppServices) {
  const { points } = services.config.rateLimits.submitPerIp;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "POST" || !SUBMISSIONS.test(req.path)) return next();
    services.limiters.submitPerIp
      .get(req.ip ?? req.socket.remoteAddress ?? "unknown")
      .then((state) => {
        if (!state || state.consumedPoints < points) return next();
        // The unread body is drained by Node, so the connection can be reused.
        void sendResponse(res, toErrorResponse(tooManyRequests(Math.max(1, Math.ceil(state.msBeforeNext / 1000)))));
      })
      .catch(next);
  };
}
