import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/** The coding rounds pages as served HTML and plain form posts. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

function page(client: ApiClient, path: string, form?: Array<[string, string]>) {
  return fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers: form ? { cookie: client.cookie!, "content-type": "application/x-www-form-urlencoded" } : { cookie: client.cookie! },
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
}
const html = async (client: ApiClient, path: string) => {
  const res = await page(client, path);
  expect(res.status, path).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, "");
};

async function fixture() {
  const owner = await signedUpClient(server.url, "Rhea");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Round pages" })).id as string;
  const people = [];
  for (const [name, role] of [["Ann", "coder"], ["Ben", "coder"], ["Rev", "reviewer"]] as const) {
    const person = await signedUpClient(server.url, name);
    await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
    people.push(person);
  }
  const [ann, ben, reviewer] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
  const doc = (await post(owner.client, `/api/v1/projects/${projectId}/documents`, { title: "Bus stop", kind: "interview", text: "Late again." }))
    .id as string;
  return { owner, projectId, ann, ben, reviewer, doc };
}

describe("coding rounds pages", () => {
  it("starts a round from the form, sends a coder to their layer, and reveals it after confirming", async () => {
    const f = await fixture();
    const base = `/projects/${f.projectId}/rounds`;
    expect(await html(f.owner.client, base)).toContain("No coding rounds yet");
    const form = await html(f.owner.client, `${base}/new`);
    expect(form).toContain("Ann");
    expect(form).not.toContain(">Rev<"); // a reviewer cannot code, so is not offered
    // The reviewer cannot start rounds.
    expect((await page(f.reviewer.client, `${base}/new`)).status).toBe(403);

    const missing = await page(f.owner.client, `${base}/new`, [["name", "Pilot"], ["coderIds", f.ann.user.id], ["documentIds", f.doc]]);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Choose at least two coders to compare.");

    const started = await page(f.owner.client, `${base}/new`, [
      ["name", "Pilot"],
      ["coderIds", f.ann.user.id],
      ["coderIds", f.ben.user.id],
      ["documentIds", f.doc],
    ]);
    expect(started.status).toBe(302);
    const roundPath = started.headers.get("location")!;
    expect(roundPath).toMatch(new RegExp(`^${base}/[^/]+$`));
    const asOwner = await html(f.owner.client, roundPath);
    expect(asOwner).toContain("Close and reveal");
    expect(asOwner).toContain("Their counts are shown; their codings stay hidden");

    // A coder opening the document is sent to their own layer of it.
    const opened = await page(f.ann.client, `/projects/${f.projectId}/documents/${f.doc}`);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`${roundPath}/documents/${f.doc}`);
    const layer = await html(f.ann.client, `${roundPath}/documents/${f.doc}`);
    expect(layer).toContain("you see only your own codings");
    expect(layer).not.toContain("Close and reveal");
    // Someone outside the round is sent back to the round page, or told it is not theirs.
    expect((await page(f.reviewer.client, `${roundPath}/documents/${f.doc}`)).status).toBe(404);

    // A coder cannot reveal; the owner can.
    expect((await page(f.ann.client, roundPath, [["intent", "reveal"]])).status).toBe(403);
    const revealed = await page(f.owner.client, roundPath, [["intent", "reveal"]]);
    expect(revealed.status).toBe(200);
    expect((await revealed.text()).replace(/<!-- -->/g, "")).toContain("Revealed: 0 codings joined the documents.");
    const after = await html(f.owner.client, roundPath);
    expect(after).toContain("No codings were made in this round");
    expect(after).toContain("/analysis/agreement?coders=");
    // Once revealed the coder opens the document itself again.
    expect((await page(f.ann.client, `/projects/${f.projectId}/documents/${f.doc}`)).status).toBe(200);

    const deleted = await page(f.owner.client, roundPath, [["intent", "delete"]]);
    expect(deleted.status).toBe(302);
    expect((await page(f.owner.client, roundPath)).status).toBe(404);
  });
});
