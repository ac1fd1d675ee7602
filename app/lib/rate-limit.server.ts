import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { AppConfig, RateLimitRule } from "./env.server";
import { tooManyRequests } from "./http/errors.server";

export interface RateLimiters {
  loginPerIp: RateLimiterMemory;
  loginPerEmail: RateLimiterMemory;
  signupPerIp: RateLimiterMemory;
  signupPerEmail: RateLimiterMemory;
  submitPerIp: RateLimiterMemory;
  submitPerForm: RateLimiterMemory;
}

const limiter = (rule: RateLimitRule) =>
  new RateLimiterMemory({ points: rule.points, duration: rule.durationSec });

export function createRateLimiters(config: AppConfig["rateLimits"]): RateLimiters {
  return {
    loginPerIp: limiter(config.loginPerIp),
    loginPerEmail: limiter(config.loginPerEmail),
    signupPerIp: limiter(config.signupPerIp),
    signupPerEmail: limiter(config.signupPerEmail),
    submitPerIp: limiter(config.submitPerIp),
    submitPerForm: limiter(config.submitPerForm),
  };
}

/** Spends one point from each limiter; throws a 429 HttpError with Retry-After when any is out. */
export async function consume(
  ...checks: Array<[RateLimiterMemory, string]>
): Promise<void> {
  for (const [rl, key] of checks) {
    try {
      await rl.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
