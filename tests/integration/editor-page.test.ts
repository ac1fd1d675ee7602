import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/** The document page without JavaScript: its server-rendered text, access, and its forms. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const page = (client: ApiClient, path: string) =>
  fetch(server.url + path, { headers: client.cookie ? { cookie: client.cookie } : {}, redirect: "manual" });

const post = (client: ApiClient, path: string, fields: Record<string, string>) =>
  fetch(server.url + path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: client.cookie ?? "" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });

async function setup() {
  const owner = await signedUpClient(server.url, "Owner");
  const coder = await signedUpClient(server.url, "Coder");
  const reviewer = await signedUpClient(server.url, "Reviewer");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Stories" });
  await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: coder.user.email, role: "coder" });
  await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: reviewer.user.email, role: "reviewer" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, {
    title: "Visit <notes>",
    kind: "field_note",
    text: "She said <b>never</b> again.\nSecond line.",
  });
  return { owner, coder, reviewer, project, doc, path: `/projects/${project.id}/documents/${doc.id}` };
}

describe("the document page", () => {
  it("renders the projected text as text, with a connecting note, for any member who may read", async () => {
    const { reviewer, path } = await setup();
    const res = await page(reviewer.client, path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Connecting…");
    expect(html).toContain("Visit &lt;notes&gt;");
    expect(html).toContain("She said &lt;b&gt;never&lt;/b&gt; again.");
    expect(html).not.toContain("<b>never</b>");
    expect(html).toContain("Read only");
  });

  it("is a 404 under another project, for non-members, and a login redirect when logged out", async () => {
    const { owner, doc, path } = await setup();
    const { body: other } = await owner.client.post("/api/v1/projects", { name: "Other" });
    expect((await page(owner.client, `/projects/${other.id}/documents/${doc.id}`)).status).toBe(404);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await page(stranger.client, path)).status).toBe(404);
    const res = await fetch(server.url + path, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("adds and deletes document memos; only the author or an owner may delete one", async () => {
    const { owner, coder, reviewer, path } = await setup();
    expect((await post(coder.client, path, { intent: "add-memo", body: "Worth a second look." })).status).toBe(200);
    const html = await (await page(owner.client, path)).text();
    expect(html).toContain("Worth a second look.");
    const memoId = /name="memoId" value="([^"]+)"/.exec(html)![1]!;

    const denied = await post(reviewer.client, path, { intent: "add-memo", body: "Reviewers comment elsewhere." });
    expect(denied.status).toBe(403);
    expect((await post(reviewer.client, path, { intent: "delete-memo", memoId })).status).toBe(403);
    expect((await post(owner.client, path, { intent: "add-memo", body: "   " })).status).toBe(400);

    expect((await post(owner.client, path, { intent: "delete-memo", memoId })).status).toBe(200);
    expect(await (await page(coder.client, path)).text()).not.toContain("Worth a second look.");
  });

  it("lets editors change the details, typed attributes included, and refuses reviewers", async () => {
    const { owner, reviewer, doc, path } = await setup();
    const fields = {
      intent: "update-details",
      title: "Visit, March",
      kind: "interview",
      caseKey: "C-7",
      attributes: "ward: 4\nconsent: true\nsite: North Road\nzip: 01234",
    };
    expect((await post(reviewer.client, path, fields)).status).toBe(403);
    expect((await post(owner.client, path, fields)).status).toBe(200);
    const { body } = await owner.client.get(`/api/v1/documents/${doc.id}`);
    expect(body).toMatchObject({ title: "Visit, March", kind: "interview", caseKey: "C-7" });
    expect(body.attributes).toEqual({ ward: 4, consent: true, site: "North Road", zip: "01234" });

    const bad = await post(owner.client, path, { ...fields, attributes: "no colon here" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Line 1: write it as “name: value”.");
  });
});
