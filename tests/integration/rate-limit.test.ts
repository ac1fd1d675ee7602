import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * Failed-login limits (OWASP ASVS 2.2): per address and per (account, address), never per
 * account alone, so a stranger cannot lock anyone out; failures on an account only slow it down.
 * The server trusts X-Forwarded-For here (TRUST_PROXY), so one test can speak from many addresses.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    config: (c) => ({
      ...c,
      trustProxy: true,
      rateLimits: {
        ...c.rateLimits,
        loginPerIp: { points: 8, durationSec: 60 },
        loginPerAccountIp: { points: 3, durationSec: 60 },
        loginSlowdown: { points: 2, durationSec: 60 },
        signupPerIp: { points: 4, durationSec: 60 },
        signupPerEmail: { points: 2, durationSec: 60 },
      },
    }),
  });
});
afterAll(() => server?.close());

let accounts = 0;
async function account() {
  const email = `owner${++accounts}@example.org`;
  const res = await new ApiClient(server.url).request(
    "POST",
    "/api/v1/auth/signup",
    { email, password: "right password", name: "Owner" },
    { headers: { "x-forwarded-for": `192.0.2.${accounts}` } },
  );
  expect(res.status).toBe(201);
  return email;
}

const loginFrom = (address: string, email: string, password: string) =>
  new ApiClient(server.url).request("POST", "/api/v1/auth/login", { email, password }, { headers: { "x-forwarded-for": address } });

it("does not let a stranger guessing from another address lock the owner out", async () => {
  const email = await account();
  const stranger: number[] = [];
  for (let i = 0; i < 6; i++) stranger.push((await loginFrom("203.0.113.66", email, `guess ${i}`)).status);
  // The stranger's own address is stopped for this account …
  expect(stranger).toEqual([401, 401, 401, 429, 429, 429]);
  const refused = await loginFrom("203.0.113.66", email, "right password");
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe("rate_limited");
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  // … while the owner, at home, logs in with the right password.
  const owner = await loginFrom("198.51.100.7", email, "right password");
  expect(owner.status).toBe(200);
  expect(owner.body.user.email).toBe(email);
});

it("limits one account from one address, and a success there starts the count again", async () => {
  const email = await account();
  const address = "198.51.100.20";
  expect((await loginFrom(address, email, "typo 1")).status).toBe(401);
  expect((await loginFrom(address, email, "typo 2")).status).toBe(401);
  expect((await loginFrom(address, email, "right password")).status).toBe(200);
  const after: number[] = [];
  for (let i = 0; i < 4; i++) after.push((await loginFrom(address, email, `typo ${i}`)).status);
  expect(after).toEqual([401, 401, 401, 429]);
  // Another account from the same address is still open.
  const other = await account();
  expect((await loginFrom(address, other, "right password")).status).toBe(200);
});

it("limits failed logins per address across different emails, with Retry-After", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await loginFrom("203.0.113.99", `spray${i}@example.org`, "whatever123")).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
  const last = await loginFrom("203.0.113.99", "spray0@example.org", "whatever123");
  expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
});

it("slows an account under attack from many addresses down, but the right password still gets in", async () => {
  const email = await account();
  // Five failures from five addresses: none reaches a per-address limit.
  for (let i = 0; i < 5; i++) expect((await loginFrom(`203.0.113.${120 + i}`, email, "guess")).status).toBe(401);
  const started = performance.now();
  const owner = await loginFrom("198.51.100.30", email, "right password");
  expect(owner.status).toBe(200);
  // Two failures are free; the next three double 250 ms: the owner waits a second.
  expect(performance.now() - started).toBeGreaterThanOrEqual(950);
});

it("limits signups per IP", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await new ApiClient(server.url).post("/api/v1/auth/signup", {
      email: `new${i}@example.org`,
      password: "0123456789",
      name: "N",
    });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([201, 201, 201, 201, 429]);
});
