import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../setup/test-server";

/** The HTML forms work without JavaScript, as plain form posts. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});

it("signs up through the form and lands on the projects page with a session", async () => {
  const res = await fetch(`${server.url}/signup`, form({ name: "Form", email: "form@example.org", password: "0123456789" }));
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/projects");
  const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
  const page = await fetch(`${server.url}/projects`, { headers: { cookie } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("No projects yet");
});

it("shows field errors and keeps what was typed, but never the password", async () => {
  const res = await fetch(
    `${server.url}/signup`,
    form({ name: "Keep <b>me</b>", email: "kept@example.org", password: "short-pw" }),
  );
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(html).toContain("Password must be at least 10 characters.");
  expect(html).toContain('value="kept@example.org"');
  expect(html).toContain("Keep &lt;b&gt;me&lt;/b&gt;");
  expect(html).not.toContain("short-pw");
});

it("never redirects off-site after login", async () => {
  await fetch(`${server.url}/signup`, form({ name: "R", email: "redir@example.org", password: "0123456789" }));
  const hostile = [
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "/\t/evil.example", // a browser drops the tab: "//evil.example"
    "/\r\nSet-Cookie: x=1", // used to be a 500: CR/LF in the Location header
    "/%2F/evil.example",
    "/%5Cevil.example",
  ];
  for (const target of hostile) {
    const res = await fetch(
      `${server.url}/login`,
      form({ email: "redir@example.org", password: "0123456789", redirectTo: target }),
    );
    expect(res.status, JSON.stringify(target)).toBe(302);
    expect(res.headers.get("location"), JSON.stringify(target)).toBe("/projects");
  }
  // Someone already signed in who opens a crafted login link is not sent away either.
  const login = await fetch(`${server.url}/login`, form({ email: "redir@example.org", password: "0123456789" }));
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  for (const target of hostile) {
    const res = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent(target)}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(res.headers.get("location"), JSON.stringify(target)).toBe("/projects");
  }
  // A path on this site still works.
  const back = await fetch(
    `${server.url}/login`,
    form({ email: "redir@example.org", password: "0123456789", redirectTo: "/projects/abc?tab=codes" }),
  );
  expect(back.headers.get("location")).toBe("/projects/abc?tab=codes");
});

it("sends a logged-out visitor from a project page to login, coming back afterwards", async () => {
  const res = await fetch(`${server.url}/projects/abc/settings`, { redirect: "manual" });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fprojects%2Fabc%2Fsettings");
});

it("refuses a cross-site form post", async () => {
  const res = await fetch(
    `${server.url}/login`,
    form({ email: "redir@example.org", password: "0123456789" }, { origin: "https://evil.example" }),
  );
  expect(res.status).toBe(403);
});
