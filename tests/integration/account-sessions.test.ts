import { expect, it } from "vitest";
import { hashToken } from "~/lib/auth/crypto.server";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { useLiveServer, wsToken } from "../setup/live-server";

/**
 * A person's own sessions: changing the password ends every other one, one can be signed out by
 * its public id, or all but this one at once; their live documents close at once, not at the
 * next sweep (the sweep is set to a minute here, so only the immediate check can close them).
 */
const live = useLiveServer({
  collab: { credentialSweepMs: 60_000 },
  config: (c) => ({ ...c, rateLimits: { ...c.rateLimits, passwordChange: { points: 3, durationSec: 60 } } }),
});

const PASSWORD = "correct horse battery"; // what signedUpClient signs up with
const NEW_PASSWORD = "a brand new passphrase";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A second sign-in of the same person, as from another browser. */
async function logIn(email: string, password = PASSWORD, userAgent = FIREFOX) {
  const client = new ApiClient(live.server.url);
  const res = await client.request("POST", "/api/v1/auth/login", { email, password }, { headers: { "user-agent": userAgent } });
  return { client, status: res.status };
}

async function twoSessions(name: string) {
  const { client: here, user } = await signedUpClient(live.server.url, name);
  const { client: elsewhere } = await logIn(user.email);
  return { here, elsewhere, user };
}

/** A document, open in the real y-websocket client with `elsewhere`'s session cookie. */
async function openElsewhere(here: ApiClient, elsewhere: ApiClient) {
  const { body: project } = await here.post("/api/v1/projects", { name: "Sessions" });
  const { body: doc } = await here.post(`/api/v1/projects/${project.id}/documents`, { title: "D", kind: "interview", text: "Words." });
  const editor = live.open(doc.id, { cookie: elsewhere.cookie! });
  await editor.synced();
  return { editor, documentId: doc.id as string };
}

/** The close code, or "open" if the server has not closed it within `ms`. */
const closedWithin = (editor: { closed: Promise<number> }, ms: number) =>
  Promise.race([editor.closed, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms))]);

it("a password change ends every other session at once, closes its live documents, and keeps this one", async () => {
  const { here, elsewhere, user } = await twoSessions("Changer");
  const { editor, documentId } = await openElsewhere(here, elsewhere);
  const byToken = live.open(documentId, await wsToken(here));
  await byToken.synced();

  const res = await here.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
  expect(res.status).toBe(204);

  expect(await closedWithin(editor, 3000)).toBe(4401);
  expect((await elsewhere.get("/api/v1/me")).status).toBe(401);
  expect((await here.get("/api/v1/me")).status).toBe(200);
  // Access tokens are not sessions: the script's editor stays.
  expect(byToken.provider.wsconnected).toBe(true);

  expect((await logIn(user.email, PASSWORD)).status).toBe(401);
  expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(200);
});

it("refuses a wrong current password, a short or missing new one, and changes nothing", async () => {
  const { here, elsewhere, user } = await twoSessions("Mistyper");
  const wrong = await here.post("/api/v1/me/password", { currentPassword: "not my password", newPassword: NEW_PASSWORD });
  expect(wrong.status).toBe(403);
  expect(wrong.body.error.code).toBe("wrong_password");

  const short = await here.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword: "short" });
  expect(short.status).toBe(400);
  expect(short.body.error.fields.newPassword).toBe("New password must be at least 10 characters.");
  expect((await here.post("/api/v1/me/password", { newPassword: NEW_PASSWORD })).status).toBe(400);

  expect((await elsewhere.get("/api/v1/me")).status).toBe(200);
  expect((await logIn(user.email, PASSWORD)).status).toBe(200);
});

it("limits wrong current passwords per session, so a stolen session cannot guess and the owner is never locked out", async () => {
  const { here: thief, elsewhere: owner, user } = await twoSessions("Guarded");
  for (let i = 0; i < 3; i++) {
    const res = await thief.post("/api/v1/me/password", { currentPassword: `guess ${i}`, newPassword: "the thief's own" });
    expect(res.status).toBe(403);
  }
  const limited = await thief.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword: "the thief's own" });
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe("rate_limited");
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await logIn(user.email, PASSWORD)).status).toBe(200); // the 429 changed nothing

  expect((await owner.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
  expect((await thief.get("/api/v1/me")).status).toBe(401);
});

it("lists the person's sessions, this one first, and never anything usable as a cookie", async () => {
  const { here, elsewhere } = await twoSessions("Lister");
  const res = await here.get("/api/v1/me/sessions");
  expect(res.status).toBe(200);
  const { sessions } = res.body;
  expect(sessions).toHaveLength(2);
  expect(sessions.map((s: { current: boolean }) => s.current)).toEqual([true, false]);
  expect(Object.keys(sessions[1]).sort()).toEqual(["createdAt", "current", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"]);
  expect(sessions[1]).toMatchObject({ userAgent: FIREFOX, ip: expect.stringContaining("127.0.0.1") });
  expect(Date.parse(sessions[1].expiresAt)).toBeGreaterThan(Date.now());

  const text = JSON.stringify(res.body);
  for (const cookie of [here.cookie!, elsewhere.cookie!]) {
    const token = cookie.split("=")[1]!;
    expect(text).not.toContain(token);
    expect(text).not.toContain(hashToken(token)); // the stored id, which the sockets are checked by
  }
});

it("signs out one session by its id, closing its live documents; another person's session is a 404", async () => {
  const { here, elsewhere } = await twoSessions("Picker");
  const { editor } = await openElsewhere(here, elsewhere);
  const { client: stranger } = await signedUpClient(live.server.url, "Stranger");
  const [mine, theirs] = (await here.get("/api/v1/me/sessions")).body.sessions as Array<{ id: string }>;

  for (const id of [mine!.id, theirs!.id, "no-such-session"]) {
    const res = await stranger.delete(`/api/v1/me/sessions/${encodeURIComponent(id)}`);
    expect(res.status, id).toBe(404);
  }
  expect((await elsewhere.get("/api/v1/me")).status).toBe(200);

  expect((await here.delete(`/api/v1/me/sessions/${theirs!.id}`)).status).toBe(204);
  expect(await closedWithin(editor, 3000)).toBe(4401);
  expect((await elsewhere.get("/api/v1/me")).status).toBe(401);
  expect((await here.get("/api/v1/me/sessions")).body.sessions).toHaveLength(1);
  expect((await here.delete(`/api/v1/me/sessions/${theirs!.id}`)).status).toBe(404);
});

it("ending the session in use is a logout", async () => {
  const { client: here } = await signedUpClient(live.server.url, "Self");
  const [mine] = (await here.get("/api/v1/me/sessions")).body.sessions as Array<{ id: string }>;
  const res = await here.delete(`/api/v1/me/sessions/${mine!.id}`);
  expect(res.status).toBe(204);
  expect(res.headers.getSetCookie().some((c) => /^thicket_session=;/.test(c))).toBe(true);
  expect((await here.get("/api/v1/me")).status).toBe(401);
});

it("logs out everywhere else, closing those live documents, and keeps this session", async () => {
  const { here, elsewhere, user } = await twoSessions("Everywhere");
  const { client: third } = await logIn(user.email);
  const { editor } = await openElsewhere(here, elsewhere);

  expect((await here.delete("/api/v1/me/sessions")).status).toBe(204);
  expect(await closedWithin(editor, 3000)).toBe(4401);
  expect((await elsewhere.get("/api/v1/me")).status).toBe(401);
  expect((await third.get("/api/v1/me")).status).toBe(401);
  const left = (await here.get("/api/v1/me/sessions")).body.sessions;
  expect(left).toEqual([expect.objectContaining({ current: true })]);
});

it("does not let an access token change the password or see or end sessions", async () => {
  const { here, elsewhere, user } = await twoSessions("Scripted");
  const script = new ApiClient(live.server.url);
  script.bearer = await wsToken(here);
  const calls = [
    script.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    script.get("/api/v1/me/sessions"),
    script.delete("/api/v1/me/sessions"),
    script.delete("/api/v1/me/sessions/anything"),
  ];
  for (const res of await Promise.all(calls)) {
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("session_required");
  }
  expect((await elsewhere.get("/api/v1/me")).status).toBe(200);
  expect((await logIn(user.email, PASSWORD)).status).toBe(200);
});
