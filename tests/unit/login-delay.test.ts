import { expect, it } from "vitest";
import { LOGIN_DELAY_MAX_MS, loginDelayMs } from "~/lib/rate-limit.server";

it("waits nothing for the first failures, then doubles, never past the ceiling", () => {
  expect([0, 5].map((n) => loginDelayMs(n, 5))).toEqual([0, 0]);
  expect([6, 7, 8, 9].map((n) => loginDelayMs(n, 5))).toEqual([250, 500, 1000, 2000]);
  expect(loginDelayMs(10, 5)).toBe(LOGIN_DELAY_MAX_MS);
  expect(loginDelayMs(1_000_000, 5)).toBe(LOGIN_DELAY_MAX_MS);
  expect(LOGIN_DELAY_MAX_MS).toBeLessThanOrEqual(3000);
});
