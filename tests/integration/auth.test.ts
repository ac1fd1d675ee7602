import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "~/lib/auth/crypto.server";
import { sessions, users } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("signup", () => {
  it("creates the account, answers 201 with the user and sets an httpOnly SameSite cookie", async () => {
    const client = new ApiClient(server.url);
    const res = await client.post("/api/v1/auth/signup", {
      email: "  Maria.Lopez@Example.ORG ",
      password: "a long enough password",
      name: "María López",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { id: expect.any(String), email: "maria.lopez@example.org", name: "María López" },
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("thicket_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect((await client.get("/api/v1/me")).body.user.email).toBe("maria.lopez@example.org");
  });

  it("stores an argon2id hash, never the password, and only the SHA-256 of the session token", async () => {
    const client = new ApiClient(server.url);
    await client.post("/api/v1/auth/signup", { email: "hash@example.org", password: "hunter2hunter2", name: "H" });
    const [row] = await server.database.handle.db.select().from(users).where(eq(users.email, "hash@example.org"));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain("hunter2");
    const token = client.cookie!.split("=")[1]!;
    const stored = await server.database.handle.db.select().from(sessions).where(eq(sessions.userId, row!.id));
    expect(stored.map((s) => s.id)).toEqual([hashToken(token)]);
    expect(stored[0]!.id).not.toBe(token);
  });

  it("answers 409 when the email is taken, whatever its case", async () => {
    const first = new ApiClient(server.url);
    await first.post("/api/v1/auth/signup", { email: "taken@example.org", password: "0123456789", name: "A" });
    const res = await new ApiClient(server.url).post("/api/v1/auth/signup", {
      email: "TAKEN@example.org",
      password: "0123456789",
      name: "B",
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("email_taken");
  });

  it.each([
    ["a password shorter than 10", { email: "short@example.org", password: "123456789", name: "S" }, "password"],
    ["an email that is not one", { email: "not-an-email", password: "0123456789", name: "S" }, "email"],
    ["a missing name", { email: "noname@example.org", password: "0123456789" }, "name"],
  ])("answers 400 for %s, naming the field", async (_what, body, field) => {
    const res = await new ApiClient(server.url).post("/api/v1/auth/signup", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.fields[field]).toEqual(expect.any(String));
  });

  it("ignores unknown fields rather than failing", async () => {
    const res = await new ApiClient(server.url).post("/api/v1/auth/signup", {
      email: "extra@example.org",
      password: "0123456789",
      name: "Extra",
      isAdmin: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.user).not.toHaveProperty("isAdmin");
  });
});

describe("bad request bodies", () => {
  it("answers 400 with a message for malformed JSON and for an empty body", async () => {
    const client = new ApiClient(server.url);
    const broken = await client.request("POST", "/api/v1/auth/login", undefined, {
      raw: '{"email": "a@b.c",',
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ error: { code: "invalid_json", message: "The request body is not valid JSON." } });
    const empty = await client.request("POST", "/api/v1/auth/login");
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/must be JSON/);
  });

  it("answers 413 for a body over the limit without reading it all", async () => {
    const res = await new ApiClient(server.url).request("POST", "/api/v1/auth/signup", undefined, {
      raw: JSON.stringify({ name: "x".repeat(2_000_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("answers 405 naming the allowed methods", async () => {
    const res = await new ApiClient(server.url).get("/api/v1/auth/login");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await new ApiClient(server.url).get("/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("login and logout", () => {
  it("logs in with the right pair and gives 401 with one message for either wrong part", async () => {
    const { user } = await signedUpClient(server.url, "Login");
    const ok = await new ApiClient(server.url).post("/api/v1/auth/login", {
      email: user.email.toUpperCase(),
      password: "correct horse battery",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ user });
    const wrongPassword = await new ApiClient(server.url).post("/api/v1/auth/login", {
      email: user.email,
      password: "wrong horse battery",
    });
    const wrongEmail = await new ApiClient(server.url).post("/api/v1/auth/login", {
      email: "nobody@example.org",
      password: "correct horse battery",
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(wrongEmail.body);
    expect(wrongPassword.body.error.message).toBe("Email or password is incorrect.");
  });

  it("invalidates the session server-side: the old cookie no longer works after logout", async () => {
    const { client } = await signedUpClient(server.url, "Logout");
    const oldCookie = client.cookie;
    const out = await client.post("/api/v1/auth/logout");
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/thicket_session=;.*Max-Age=0/i);
    const replay = new ApiClient(server.url);
    replay.cookie = oldCookie;
    expect((await replay.get("/api/v1/me")).status).toBe(401);
  });

  it("answers 401 on /me without credentials", async () => {
    const res = await new ApiClient(server.url).get("/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });
});

describe("session cookies", () => {
  it("treats a forged cookie as logged out and clears it", async () => {
    const client = new ApiClient(server.url);
    client.cookie = "thicket_session=abcdefghijklmnopqrstuvwxyz234567";
    const res = await client.get("/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().join()).toMatch(/thicket_session=;/);
  });

  it("treats an expired session as logged out and deletes it", async () => {
    const { client, user } = await signedUpClient(server.url, "Expired");
    const db = server.database.handle.db;
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    expect((await client.get("/api/v1/me")).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it("slides the expiry forward once a session is past half its life", async () => {
    const { client, user } = await signedUpClient(server.url, "Sliding");
    const db = server.database.handle.db;
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.userId, user.id));
    const res = await client.get("/api/v1/me");
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/thicket_session=.+Expires=/);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });
});

describe("cross-site requests", () => {
  it("refuses a state-changing request a browser marks as coming from another site", async () => {
    const { client } = await signedUpClient(server.url, "Csrf");
    const res = await client.request("POST", "/api/v1/projects", { name: "Evil" }, {
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("cross_site_request");
    expect((await client.get("/api/v1/projects")).body.projects).toEqual([]);
  });

  it("accepts the same request from the app's own origin", async () => {
    const { client } = await signedUpClient(server.url, "SameSite");
    const res = await client.request("POST", "/api/v1/projects", { name: "Fine" }, {
      headers: { origin: server.url },
    });
    expect(res.status).toBe(201);
  });
});

it("refuses a chunked body that grows past the limit, and the server keeps serving", async () => {
  const big = new ReadableStream({
    start(controller) {
      // A fresh buffer per chunk: fetch detaches each one it sends.
      for (let i = 0; i < 6; i++) controller.enqueue(new TextEncoder().encode("x".repeat(256 * 1024)));
      controller.close();
    },
  });
  const res = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: big,
    duplex: "half",
  } as RequestInit);
  expect(res.status).toBe(413);
  expect((await new ApiClient(server.url).get("/api/v1/me")).status).toBe(401);
});
