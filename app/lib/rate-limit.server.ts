import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { AppConfig, RateLimitRule } from "./env.server";
import { tooManyRequests } from "./http/errors.server";

export interface RateLimiters {
  loginPerIp: RateLimiterMemory;
  loginPerAccountIp: RateLimiterMemory;
  loginSlowdown: RateLimiterMemory;
  passwordChange: RateLimiterMemory;
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
    loginPerAccountIp: limiter(config.loginPerAccountIp),
    // Counts without a ceiling: it only ever delays (see loginDelayMs), never refuses.
    loginSlowdown: new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: config.loginSlowdown.durationSec }),
    passwordChange: limiter(config.passwordChange),
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

export const LOGIN_DELAY_FIRST_MS = 250;
export const LOGIN_DELAY_MAX_MS = 3000;

/**
 * How long an attempt on an account waits, given its failures in the window: nothing up to
 * `free`, then 250 ms doubling to at most 3 s. Bounded, so the owner with the right password
 * is slowed down while their account is under attack, never shut out (OWASP ASVS 2.2.1).
 */
export function loginDelayMs(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(LOGIN_DELAY_MAX_MS, LOGIN_DELAY_FIRST_MS * 2 ** Math.min(failures - free - 1, 16));
}
