import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    config: (c) => ({
      ...c,
      rateLimits: {
        ...c.rateLimits,
        loginPerIp: { points: 8, durationSec: 60 },
        loginPerEmail: { points: 3, durationSec: 60 },
        signupPerIp: { points: 4, durationSec: 60 },
        signupPerEmail: { points: 2, durationSec: 60 },
      },
    }),
  });
});
afterAll(() => server?.close());

it("locks an email out after repeated wrong passwords with 429 and Retry-After, even with the right one", async () => {
  const client = new ApiClient(server.url);
  await client.post("/api/v1/auth/signup", { email: "target@example.org", password: "right password", name: "T" });
  const attempt = (password: string) =>
    new ApiClient(server.url).post("/api/v1/auth/login", { email: "target@example.org", password });
  for (let i = 0; i < 3; i++) expect((await attempt("wrong password")).status).toBe(401);
  const locked = await attempt("right password");
  expect(locked.status).toBe(429);
  expect(locked.body.error.code).toBe("rate_limited");
  expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
});

it("limits login attempts per IP across different emails", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await new ApiClient(server.url).post("/api/v1/auth/login", {
      email: `spray${i}@example.org`,
      password: "whatever123",
    });
    statuses.push(res.status);
  }
  // 4 attempts were spent by the previous test from this IP; 8 are allowed in all.
  expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
});

it("limits signups per IP", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await new ApiClient(server.url).post("/api/v1/auth/signup", {
      email: `new${i}@example.org`,
      password: "0123456789",
      name: "N",
    });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([201, 201, 201, 429]);
});
