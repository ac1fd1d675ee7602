import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { createForm, ownedProject, storedCounts } from "../setup/contributions";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The contribution pages as a browser without JavaScript uses them: the public form, its
 * refusals (kept answers, every problem at once), the receipt and withdrawal, members-only
 * and closed forms, and the inbox's buttons.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const fieldForm = {
  title: "Sightings <b>on the river</b>",
  prompt: "What did you see?",
  consentText: "I agree that the river project keeps this observation.",
  access: "public",
  fields: [
    { name: "seen", label: "What you saw", type: "long_text", required: true },
    { name: "count", label: "How many", type: "number" },
    { name: "on", label: "When", type: "date" },
    { name: "kinds", label: "Kinds", type: "multi_choice", options: ["Heron", "Otter", "Kingfisher"] },
    { name: "spot", label: "Where", type: "location" },
    { name: "site", label: "Site id", type: "case_key" },
  ],
};

function post(path: string, fields: Array<[string, string]>, client?: ApiClient, headers: Record<string, string> = {}) {
  return fetch(server.url + path, {
    method: "POST",
    headers: { ...(client?.cookie ? { cookie: client.cookie } : {}), ...headers },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}
const get = (path: string, client?: ApiClient) =>
  fetch(server.url + path, { headers: client?.cookie ? { cookie: client.cookie } : {}, redirect: "manual" });

const counts = (projectId: string) => storedCounts(server.services.db, projectId);

const goodAnswers: Array<[string, string]> = [
  ["seen", "Two otters by the weir; Ann Lee from the club saw them too, ring 07700 900123."],
  ["people_mentioned", "Ann Lee"],
  ["count", "2"],
  ["on", "2026-05-04"],
  ["kinds", "Otter"],
  ["kinds", "Heron"],
  ["spot__lat", "51.7520"],
  ["spot__lng", "-1.2577"],
  ["site", "W-3"],
  ["website", ""],
  ["consent", "yes"],
];

describe("the public form page", () => {
  it("shows the form to anyone, with its text escaped and the map's tile host allowed", async () => {
    const { owner, projectId } = await ownedProject(server.url, "River watch");
    const formId = await createForm(owner, projectId, fieldForm);
    const res = await get(`/f/${formId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Sightings &lt;b&gt;on the river&lt;/b&gt;");
    expect(html).not.toContain("<b>on the river</b>");
    expect(html).toContain("I agree that the river project keeps this observation.");
    expect(html).toContain('name="spot__lat"');
    expect(html).toContain('name="website"');
    expect(res.headers.get("content-security-policy")).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org");
  });

  it("refuses a form without consent and a required answer, naming both, keeping what was typed, storing nothing", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, fieldForm);
    const res = await post(`/f/${formId}`, [
      ["seen", ""],
      ["count", "a few"],
      ["site", "W-9"],
      ["kinds", "Otter"],
    ]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Tick the consent box to send your contribution");
    expect(html).toContain("&quot;What you saw&quot; is required.");
    expect(html).toContain("&quot;How many&quot; must be a number.");
    expect(html).toContain('value="W-9"');
    const checked = (option: string) => new RegExp(`<input(?=[^>]*value="${option}")(?=[^>]*checked="")[^>]*>`).test(html);
    expect([checked("Otter"), checked("Heron")]).toEqual([true, false]);
    expect(await counts(projectId)).toEqual({ submissions: 0, documents: 0 });
  });

  it("takes a contribution, masks it, types its answers and sends the contributor to their receipt", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, fieldForm);
    const res = await post(`/f/${formId}`, goodAnswers);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/receipts\/[A-Za-z0-9_-]{43}\?new=1$/);

    const doc = (await owner.get(`/api/v1/projects/${projectId}/documents`)).body.documents[0];
    const full = (await owner.get(`/api/v1/documents/${doc.id}`)).body;
    expect(full).toMatchObject({
      kind: "observation",
      caseKey: "W-3",
      text: "Two otters by the weir; [NAME] from the club saw them too, ring [PHONE].",
      attributes: { count: 2, on: "2026-05-04", kinds: "Heron, Otter", spot: "51.752,-1.2577", spot_lat: 51.752, spot_lng: -1.2577 },
    });

    const receipt = await get(location);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("referrer-policy")).toBe("no-referrer");
    expect(receipt.headers.get("cache-control")).toContain("no-store");
    const html = await receipt.text();
    expect(html).toContain("Keep this page");
    expect(html).toContain("Two otters by the weir; [NAME] from the club saw them too, ring [PHONE].");
    expect(html).toContain("Waiting for review");
    expect(html).not.toContain("Ann Lee");
  });

  it("withdraws from the receipt page, and then says plainly that it was withdrawn", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, fieldForm);
    const location = (await post(`/f/${formId}`, goodAnswers)).headers.get("location")!;
    const path = location.replace("?new=1", "");
    const res = await post(path, [["intent", "withdraw"]]);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Withdrawn. Your contribution and everything made from it have been deleted.");
    expect(await counts(projectId)).toEqual({ submissions: 1, documents: 0 });
    const again = await (await get(path)).text();
    expect(again).toContain("You withdrew it.");
    expect(again).not.toContain("Two otters");
    const twice = await post(path, [["intent", "withdraw"]]);
    expect(twice.status).toBe(410);
    expect(await twice.text()).toContain("already been withdrawn");
  });

  it("answers a wrong receipt link with a plain 404", async () => {
    const res = await get(`/receipts/${"x".repeat(43)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This receipt link is not valid. Check that it was copied whole.");
  });

  it("gives a filled-in honeypot a neutral refusal and a cross-site post a 403", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, fieldForm);
    const bot = await post(`/f/${formId}`, [...goodAnswers.filter(([k]) => k !== "website"), ["website", "http://spam.example"]]);
    expect(bot.status).toBe(422);
    expect(await bot.text()).toContain("This submission could not be accepted.");
    const forged = await post(`/f/${formId}`, goodAnswers, undefined, { origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await counts(projectId)).toEqual({ submissions: 0, documents: 0 });
  });

  it("sends the logged-out to log in for a members-only form, hides it from strangers, and says when a form is closed", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, { ...fieldForm, access: "members" });
    const anonymous = await get(`/f/${formId}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/f/${formId}`)}`);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await get(`/f/${formId}`, stranger.client)).status).toBe(404);

    await owner.patch(`/api/v1/forms/${formId}`, { status: "closed" });
    const closed = await get(`/f/${formId}`, owner);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain("This form is closed");
    const late = await post(`/f/${formId}`, goodAnswers, owner);
    expect(late.status).toBe(410);
    expect(await counts(projectId)).toEqual({ submissions: 0, documents: 0 });
  });
});

describe("the inbox and forms pages", () => {
  it("lists what is waiting and accepts it with a plain form post; coders are not let in", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, fieldForm);
    await post(`/f/${formId}`, goodAnswers);
    const inbox = await get(`/projects/${projectId}/contributions`, owner);
    expect(inbox.status).toBe(200);
    const html = await inbox.text();
    expect(html).toContain("Two otters by the weir; [NAME] from the club saw them too, ring [PHONE].");
    const id = (await owner.get(`/api/v1/projects/${projectId}/submissions`)).body.submissions[0].id;

    const accept = await post(`/projects/${projectId}/contributions?index`, [["intent", "accept"], ["submissionId", id]], owner);
    expect(accept.status).toBe(200);
    expect((await owner.get(`/api/v1/submissions/${id}`)).body.status).toBe("accepted");
    const tag = await post(`/projects/${projectId}/contributions?index`, [["intent", "add-tag"], ["submissionId", id], ["tag", "Otters"]], owner);
    expect(tag.status).toBe(200);
    expect((await owner.get(`/api/v1/submissions/${id}`)).body.tags).toEqual(["Otters"]);
    const noReason = await post(`/projects/${projectId}/contributions?index`, [["intent", "reject"], ["submissionId", id], ["reason", " "]], owner);
    expect(noReason.status).toBe(400);
    expect((await owner.get(`/api/v1/submissions/${id}`)).body.status).toBe("accepted");

    const other = await ownedProject(server.url, "Other");
    const poke = await post(`/projects/${other.projectId}/contributions?index`, [["intent", "accept"], ["submissionId", id]], other.owner);
    expect(poke.status).toBe(404);

    const coder = await signedUpClient(server.url, "Coder");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
    expect((await get(`/projects/${projectId}/contributions`, coder.client)).status).toBe(403);
    expect((await get(`/projects/${projectId}/contributions/forms/new`, coder.client)).status).toBe(403);
  });

  it("lists forms with their public link and counts", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, fieldForm);
    const res = await get(`/projects/${projectId}/contributions/forms`, owner);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`${server.url}/f/${formId}`);
    expect(html).toContain("Public link");
  });
});
