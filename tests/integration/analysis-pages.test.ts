import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The Analysis tab as served HTML, read by a reviewer (readers may see analysis, like the
 * matrix): the sub-navigation, code frequencies by document and by attribute, the
 * co-occurrence matrix, and the empty states.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "We were promised a refund and waited weeks for it.";
const span = (part: string) => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });

async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const reviewer = await signedUpClient(server.url, "Reviewer");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Analysis" })).id as string;
  await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: reviewer.user.email, role: "reviewer" });
  const refund = await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Refund" });
  const waiting = await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Waiting" });
  const doc = (title: string, attributes: object) =>
    post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text: TEXT, attributes });
  const north = await doc("Call North", { channel: "phone" });
  const south = await doc("Call South", {});
  const code = (documentId: string, codeId: string, part: string) =>
    post(owner.client, `/api/v1/documents/${documentId}/codings`, { codeId, ...span(part) });
  await code(north.id, refund.id, "promised a refund");
  await code(north.id, waiting.id, "refund and waited weeks");
  await code(north.id, waiting.id, "for it");
  await code(south.id, refund.id, "a refund");
  await code(south.id, refund.id, "for it");
  return { owner, reviewer, projectId };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

function page(client: ApiClient, path: string) {
  return fetch(server.url + path, { headers: { cookie: client.cookie! }, redirect: "manual" });
}
const visible = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
async function html(client: ApiClient, path: string) {
  const res = await page(client, path);
  expect(res.status, path).toBe(200);
  return visible(res);
}
/** The numbers of one table row, as the person reads them left to right. */
function rowNumbers(body: string, testId: string): string[] {
  const row = body.match(new RegExp(`<tr data-testid="${testId}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

describe("analysis pages", () => {
  it("opens on frequencies, with links to co-occurrence and agreement", async () => {
    const res = await page(f.reviewer.client, `/projects/${f.projectId}/analysis`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/projects/${f.projectId}/analysis/frequencies`);
    const body = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/frequencies`);
    expect(body).toContain(`href="/projects/${f.projectId}/analysis/cooccurrence"`);
    expect(body).toContain(`href="/projects/${f.projectId}/analysis/agreement"`);
  });

  it("shows code frequencies per document, and codings or documents by an attribute", async () => {
    const body = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/frequencies`);
    expect(body).toContain("Call North");
    expect(body).toContain("Call South");
    // Total, Call North, Call South.
    expect(rowNumbers(body, "frequency-row-Refund")).toEqual(["3", "1", "2"]);
    expect(rowNumbers(body, "frequency-row-Waiting")).toEqual(["2", "2", "0"]);
    expect(body).toContain('<option value="attribute:channel">Attribute: channel</option>');
    expect(body).toContain(`href="/api/v1/projects/${f.projectId}/frequencies?by=document&amp;format=xlsx"`);
    const byChannel = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/frequencies?by=attribute:channel&show=documents`);
    expect(byChannel).toContain("phone");
    expect(byChannel).toContain("(no value)");
    // Total, phone, (no value): documents with the code.
    expect(rowNumbers(byChannel, "frequency-row-Refund")).toEqual(["2", "1", "1"]);
    expect(byChannel).toContain("frequencies?by=attribute%3Achannel&amp;format=csv");
  });

  it("falls back to documents for an attribute no document has", async () => {
    const body = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/frequencies?by=attribute:colour`);
    expect(body).toContain("No document has an attribute named “colour” any more");
    expect(rowNumbers(body, "frequency-row-Refund")).toEqual(["3", "1", "2"]);
  });

  it("shows the co-occurrence matrix with the pair counts and each code's codings on the diagonal", async () => {
    const body = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/cooccurrence`);
    expect(body).toContain("Code co-occurrence");
    expect(body).toMatch(/aria-label="Refund with Waiting: 1 pair in 1 document\. Show passages\."/);
    expect(body).toContain("(3)");
    const near = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/cooccurrence?mode=proximity&within=20`);
    // Within 20 characters, Waiting "for it" also pairs with Refund "promised a refund" (18 apart).
    expect(near).toMatch(/aria-label="Refund with Waiting: 2 pairs in 1 document\./);
    expect(near).toContain(`/api/v1/projects/${f.projectId}/cooccurrence?mode=proximity&amp;within=20&amp;format=xlsx`);
    const bad = await html(f.reviewer.client, `/projects/${f.projectId}/analysis/cooccurrence?mode=proximity&within=-4`);
    expect(bad).toContain("must be 0 or more.");
  });

  it("explains what is missing in a project with no codes, and keeps non-members out", async () => {
    const empty = (await post(f.owner.client, "/api/v1/projects", { name: "Empty" })).id as string;
    expect(await html(f.owner.client, `/projects/${empty}/analysis/frequencies`)).toContain("No codes yet");
    expect(await html(f.owner.client, `/projects/${empty}/analysis/cooccurrence`)).toContain("Not enough codes yet");
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await page(stranger.client, `/projects/${f.projectId}/analysis/frequencies`)).status).toBe(404);
  });
});
