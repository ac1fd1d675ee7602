import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/** Case keys in bulk (API and page) and the document page's "case in the data" panel. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const csvPost = (client: ApiClient, path: string, csv: string) =>
  client.request("POST", path, undefined, { headers: { "content-type": "text/csv" }, raw: csv });

const page = (client: ApiClient, path: string, form?: Record<string, string>) =>
  fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers: { cookie: client.cookie ?? "", ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });

async function setup() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Cases" });
  const add = async (title: string, caseKey?: string) =>
    (await owner.client.post(`/api/v1/projects/${project.id}/documents`, { title, kind: "story", text: `About ${title}.`, caseKey }))
      .body as { id: string };
  const docs = {
    maria: await add("Maria, March"),
    tom: await add("Tom at the depot", "OLD-1"),
    twinA: await add("Call notes"),
    twinB: await add("Call notes"),
  };
  const caseKeyOf = async (id: string) => (await owner.client.get(`/api/v1/documents/${id}`)).body.caseKey as string | null;
  return { owner: owner.client, projectId: project.id as string, docs, caseKeyOf, path: `/api/v1/projects/${project.id}/case-keys` };
}

describe("case keys in bulk", () => {
  it("sets keys by document id and by exact title, and reports unmatched and ambiguous lines", async () => {
    const { owner, docs, caseKeyOf, path } = await setup();
    const csv = [
      "document,caseKey",
      `${docs.maria.id},C0001`,
      "Tom at the depot, C0002 ",
      "Call notes,C0003",
      "Nobody by this name,C0004",
      "",
      '"MARIA, MARCH",C0005',
    ].join("\n");
    const res = await csvPost(owner, path, csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      updated: 2,
      unchanged: 0,
      // Titles match exactly: a different case is not the same title.
      unmatched: [
        { line: 5, document: "Nobody by this name" },
        { line: 7, document: "MARIA, MARCH" },
      ],
      ambiguous: [{ line: 4, document: "Call notes", matches: 2 }],
    });
    expect(await caseKeyOf(docs.maria.id)).toBe("C0001");
    expect(await caseKeyOf(docs.tom.id)).toBe("C0002");
    expect(await caseKeyOf(docs.twinA.id)).toBeNull();
    expect(await caseKeyOf(docs.twinB.id)).toBeNull();
    // Case keys decide what every segment counts: the owner's audit log says who set them.
    const audit = (await owner.get(`${path.replace(/case-keys$/, "audit")}?action=documents.case_keys_set`)).body.events;
    expect(audit).toEqual([expect.objectContaining({ action: "documents.case_keys_set", detail: { updated: 2 } })]);
  });

  it("counts keys already set as unchanged, clears a key given as empty, and needs no header", async () => {
    const { owner, docs, caseKeyOf, path } = await setup();
    const res = await csvPost(owner, path, `Tom at the depot,OLD-1\n${docs.twinA.id},K9\n`);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 1, unmatched: [], ambiguous: [] });
    const cleared = await csvPost(owner, path, `${docs.twinA.id},\n`);
    expect(cleared.body.updated).toBe(1);
    expect(await caseKeyOf(docs.twinA.id)).toBeNull();
  });

  it("rejects a malformed file or a document given two keys, naming the line, and changes nothing", async () => {
    const { owner, docs, caseKeyOf, path } = await setup();
    const three = await csvPost(owner, path, `${docs.maria.id},C1\n${docs.tom.id},C2,extra\n`);
    expect(three.status).toBe(400);
    expect(three.body.error.message).toContain("Line 2");
    const twice = await csvPost(owner, path, `${docs.maria.id},C1\nMaria, March,C2\n`.replace("Maria, March", '"Maria, March"'));
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/Line 2.*line 1/);
    const quote = await csvPost(owner, path, `${docs.maria.id},"C1\n`);
    expect(quote.status).toBe(400);
    expect(await caseKeyOf(docs.maria.id)).toBeNull();
    expect(await caseKeyOf(docs.tom.id)).toBe("OLD-1");
    const json = await owner.post(path, { rows: [] });
    expect(json.status).toBe(400);
  });

  it("lets coders set keys but not reviewers, and hides the project from strangers", async () => {
    const { owner, projectId, docs, caseKeyOf, path } = await setup();
    const member = async (role: string) => {
      const person = await signedUpClient(server.url, role);
      await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
      return person.client;
    };
    const coder = await member("coder");
    const reviewer = await member("reviewer");
    expect((await csvPost(coder, path, `${docs.maria.id},BY-CODER\n`)).status).toBe(200);
    expect(await caseKeyOf(docs.maria.id)).toBe("BY-CODER");
    expect((await csvPost(reviewer, path, `${docs.maria.id},BY-REVIEWER\n`)).status).toBe(403);
    expect((await page(reviewer, `/projects/${projectId}/documents/case-keys`)).status).toBe(403);
    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    expect((await csvPost(stranger, path, `${docs.maria.id},X\n`)).status).toBe(404);
    expect((await csvPost(new ApiClient(server.url), path, "a,b\n")).status).toBe(401);
    expect(await caseKeyOf(docs.maria.id)).toBe("BY-CODER");
  });

  it("previews the changes on the page, then applies them", async () => {
    const { owner, projectId, docs, caseKeyOf } = await setup();
    const pagePath = `/projects/${projectId}/documents/case-keys`;
    const list = await (await page(owner, `/projects/${projectId}/documents`)).text();
    expect(list).toContain(`href="${pagePath}"`);
    const csv = `document,caseKey\nMaria, March,C0042\nGhost,C1\n`.replace("Maria, March", '"Maria, March"');
    const preview = await page(owner, pagePath, { intent: "preview", csv });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Maria, March");
    expect(html).toContain("C0042");
    expect(html).toContain("“Ghost”");
    expect(html).toContain("Apply 1 change");
    expect(await caseKeyOf(docs.maria.id)).toBeNull(); // a preview writes nothing
    const applied = await page(owner, pagePath, { intent: "apply", csv });
    expect(await applied.text()).toContain("Updated 1 document");
    expect(await caseKeyOf(docs.maria.id)).toBe("C0042");
  });
});

describe("the case's row of numbers on the document page", () => {
  it("shows the row whose key is the document's case key in each dataset, or says there is none", async () => {
    const { owner, projectId, docs, path } = await setup();
    const importCsv = (name: string, key: string, csv: string) =>
      csvPost(owner, `/api/v1/projects/${projectId}/datasets?name=${encodeURIComponent(name)}&key=${key}`, csv);
    const customers = await importCsv(
      "Customers",
      "customer_id",
      "customer_id,region,tenure_months,monthly_spend,churned\nC0001,Wales,14,1234.5,true\nC0002,London,80,31.25,false\n",
    );
    expect(customers.status).toBe(201);
    expect((await importCsv("Sites", "site", "site,visits\nS1,3\n")).status).toBe(201);
    await csvPost(owner, path, `${docs.maria.id},C0001\n`);

    const html = await (await page(owner, `/projects/${projectId}/documents/${docs.maria.id}`)).text();
    expect(html).toContain("Case C0001 in the data");
    expect(html).toMatch(/<dt>region<\/dt><dd[^>]*>Wales<\/dd>/);
    expect(html).toMatch(/<dt>monthly_spend<\/dt><dd[^>]*>1,234\.5<\/dd>/);
    expect(html).toMatch(/<dt>churned<\/dt><dd[^>]*>yes<\/dd>/);
    expect(html).toContain("No row with key C0001 in Sites.");

    const other = await (await page(owner, `/projects/${projectId}/documents/${docs.twinA.id}`)).text();
    expect(other).toContain("Set a case key in Details");
    expect(other).not.toContain("Wales");
  });
});
