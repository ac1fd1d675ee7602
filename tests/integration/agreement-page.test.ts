import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/** The agreement page as served HTML: the coder picker, the figures, the disagreement list. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "Billing went wrong.\n\nThe agent was kind.\n\nI left anyway.";
const at = (part: string) => [TEXT.indexOf(part), TEXT.indexOf(part) + part.length] as const;

async function fixture() {
  const owner = await signedUpClient(server.url, "Olive Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Agreement page" })).id as string;
  const member = async (name: string, role: string) => {
    const person = await signedUpClient(server.url, name);
    await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
    return person;
  };
  const [ann, ben] = [await member("Ann Coder", "coder"), await member("Ben Coder", "coder")];
  await member("Rita Reviewer", "reviewer");
  const billing = await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Billing <b>", color: "#d94f3d" });
  const doc = await post(owner.client, `/api/v1/projects/${projectId}/documents`, { title: "Call 7", kind: "interview", text: TEXT });
  const coding = (who: { client: ApiClient }, part: string) => post(who.client, `/api/v1/documents/${doc.id}/codings`, { codeId: billing.id, start: at(part)[0], end: at(part)[1] });
  await coding(ann, "Billing went wrong.");
  await coding(ben, "Billing went wrong.");
  await coding(ann, "I left anyway.");
  return { owner, projectId, ann, ben, billing, doc };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const visible = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
async function html(client: ApiClient, path: string) {
  const res = await fetch(server.url + path, { headers: { cookie: client.cookie! }, redirect: "manual" });
  expect(res.status, path).toBe(200);
  return visible(res);
}
const pagePath = (query = "") => `/projects/${f.projectId}/analysis/agreement${query}`;

describe("agreement page", () => {
  it("offers the members who code as coders, and asks for two before showing figures", async () => {
    const page = await html(f.owner.client, pagePath());
    expect(page).toContain("Choose at least two coders");
    expect(page).toContain(`value="${f.ann.user.id}"`);
    expect(page).toContain("Ann Coder");
    expect(page).toContain("Olive Owner");
    // Reviewers cannot code, so there is nothing of theirs to compare.
    expect(page).not.toContain("Rita Reviewer");
    expect(page).toMatch(/each sentence is one call/);
  });

  it("shows the kappa per code with its explanation, and the passages where the coders disagree", async () => {
    const page = await html(f.owner.client, pagePath(`?coders=${f.ann.user.id},${f.ben.user.id}&unit=paragraph`));
    // Three paragraphs: both coded the first, only Ann the third: agree on 2 of 3.
    // κ: p_o = ⅔, Ann says yes to ⅔, Ben to ⅓: p_e = ⅔·⅓ + ⅓·⅔ = 4/9; κ = (⅔ − 4/9)/(5/9) = 0.4.
    expect(page).toContain("66.7%");
    expect(page).toContain(">0.400<");
    expect(page).toContain("Cohen&#x27;s kappa: agreement between the two coders beyond what chance would give");
    expect(page).toMatch(/aria-describedby="[^"]+"/);
    // The code's name is text, never markup.
    expect(page).toContain("Billing &lt;b&gt;");
    expect(page).not.toContain("Billing <b>");
    const list = page.slice(page.indexOf('data-testid="disagreement-list"'));
    expect(list).toContain("I left anyway.");
    expect(list).not.toContain("Billing went wrong.");
    expect(list).toContain("Call 7");
    expect(list).toContain("no code here");
    const at = TEXT.indexOf("I left anyway.");
    expect(list).toContain(
      `href="/projects/${f.projectId}/documents/${f.doc.id}?compare=${f.ann.user.id}%2C${f.ben.user.id}&amp;at=${at}-${at + "I left anyway.".length}"`,
    );
  });

  it("explains a link naming someone who is not a member instead of failing", async () => {
    const stranger = await signedUpClient(server.url, "Stranger");
    const stale = await html(f.owner.client, pagePath(`?coders=${f.ann.user.id}&coders=${stranger.user.id}`));
    expect(stale).toContain("is not a member of this project");
    expect(stale).not.toContain('data-testid="agreement-table"');
  });

  it("shows the empty state when neither coder has coded the documents", async () => {
    const other = await post(f.owner.client, `/api/v1/projects/${f.projectId}/documents`, { title: "Uncoded", kind: "interview", text: "Nothing here." });
    const page = await html(f.owner.client, pagePath(`?coders=${f.ann.user.id},${f.ben.user.id}&documents=${other.id}`));
    expect(page).toContain("Nothing to compare yet");
  });
});
