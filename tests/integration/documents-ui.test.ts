import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The documents and codebook pages as plain form posts (no JavaScript): adding documents by
 * pasting and uploading, the limits, the list's search and delete, and the codebook's forms.
 * The body limit is raised so the 10 MB upload limit itself is what is tested.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    // BUILD_DIR: the build the global setup made (startTestServer's own config does not read it).
    config: (c) => ({ ...c, maxUploadBytes: 32 * 1024 * 1024 }),
  });
});
afterAll(() => server?.close());

const vtt = readFileSync(new URL("../fixtures/import/interview.vtt", import.meta.url));

async function project() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name: "Stories" });
  return { owner: owner.client, projectId: body.id as string };
}

function page(client: ApiClient, path: string, body?: FormData | URLSearchParams) {
  return fetch(server.url + path, {
    method: body ? "POST" : "GET",
    headers: { cookie: client.cookie! },
    body,
    redirect: "manual",
  });
}

function newDocument(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array | Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", file ? new Blob([new Uint8Array(file.bytes)]) : new Blob([]), file?.name ?? "");
  return form;
}

async function docxOf(text: string) {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file("word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`);
  return zip.generateAsync({ type: "uint8array" });
}

const docId = (res: Response, projectId: string) => {
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(new RegExp(`^/projects/${projectId}/documents/[^/]+$`));
  return location.split("/").pop()!;
};

describe("add document", () => {
  it("creates a document from pasted text with its kind, case key and attributes", async () => {
    const { owner, projectId } = await project();
    const res = await page(
      owner,
      `/projects/${projectId}/documents/new`,
      newDocument({
        title: "Maria, March",
        kind: "field_note",
        caseKey: " C-104 ",
        text: "\r\nMet Maria at the market.\r\nShe was angry.\r\n",
        "attributes.0.key": "branch",
        "attributes.0.value": "North",
        "attributes.1.key": "",
        "attributes.1.value": "",
        "attributes.2.key": "age group",
        "attributes.2.value": "25–34",
      }),
    );
    expect(res.status).toBe(302);
    const id = docId(res, projectId);
    const doc = (await owner.get(`/api/v1/documents/${id}`)).body;
    expect(doc).toMatchObject({
      title: "Maria, March",
      kind: "field_note",
      caseKey: "C-104",
      attributes: { branch: "North", "age group": "25–34" },
      text: "Met Maria at the market.\nShe was angry.",
    });
  });

  it("converts an uploaded transcript and Word file, titled by the file name when no title is given", async () => {
    const { owner, projectId } = await project();
    const fromVtt = await page(owner, `/projects/${projectId}/documents/new`, newDocument({ title: "", kind: "interview", text: "" }, { name: "Maria exit interview.vtt", bytes: vtt }));
    expect(fromVtt.status).toBe(302);
    const transcript = (await owner.get(`/api/v1/documents/${docId(fromVtt, projectId)}`)).body;
    expect(transcript.title).toBe("Maria exit interview");
    expect(transcript.text.split("\n")[1]).toBe("[00:01:02] Maria: I left because the prices went up and nobody told me.");

    const fromDocx = await page(owner, `/projects/${projectId}/documents/new`, newDocument({ title: "Story 7", kind: "story", text: "" }, { name: "s.docx", bytes: await docxOf("Once, the bus did not come.") }));
    const story = (await owner.get(`/api/v1/documents/${docId(fromDocx, projectId)}`)).body;
    expect(story).toMatchObject({ title: "Story 7", kind: "story", text: "Once, the bus did not come." });
  });

  it("shows what is wrong beside each field and keeps what was typed", async () => {
    const { owner, projectId } = await project();
    const path = `/projects/${projectId}/documents/new`;
    const both = await page(owner, path, newDocument({ title: "T <b>x</b>", kind: "interview", text: "pasted" }, { name: "a.txt", bytes: Buffer.from("file") }));
    expect(both.status).toBe(400);
    const bothHtml = await both.text();
    expect(bothHtml).toContain("Paste the text or choose a file, not both");
    expect(bothHtml).toContain("T &lt;b&gt;x&lt;/b&gt;");

    const untitled = await page(owner, path, newDocument({ title: "", kind: "bogus", text: "" }, { name: "a.txt", bytes: Buffer.from("file") }));
    expect(untitled.status).toBe(400);
    expect(await untitled.text()).toContain("Choose “a.txt” again");

    const broken = await page(owner, path, newDocument({ title: "", kind: "interview", text: "" }, { name: "broken.docx", bytes: Buffer.from("PK\u0003\u0004 not really a zip") }));
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("This .docx file could not be read: it may be damaged.");

    const empty = await page(owner, path, newDocument({ title: "Empty", kind: "interview", text: "" }, { name: "empty.srt", bytes: Buffer.alloc(0) }));
    expect(await empty.text()).toContain("The file is empty.");

    const noTitle = await page(owner, path, newDocument({ title: "", kind: "memoir", text: "x", "attributes.0.key": "", "attributes.0.value": "orphan value", "attributes.1.key": "k", "attributes.1.value": "1", "attributes.2.key": "k", "attributes.2.value": "2" }));
    expect(noTitle.status).toBe(400);
    const html = await noTitle.text();
    expect(html).toContain("Title is required.");
    expect(html).toContain("Kind must be one of");
    expect(html).toContain("Give this value a name, or clear it.");
    expect(html).toContain("“k” is already used above.");
    expect(html).toContain('value="orphan value"');
    expect((await owner.get(`/api/v1/projects/${projectId}/documents`)).body.documents).toEqual([]);
  });

  it("refuses a file over 10 MB with a message on the file field", async () => {
    const { owner, projectId } = await project();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, "a");
    const res = await page(owner, `/projects/${projectId}/documents/new`, newDocument({ title: "Big", kind: "other", text: "" }, { name: "big.txt", bytes: big }));
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("“big.txt” is larger than 10 MB, the most a file may be.");
    expect(html).toContain('value="Big"');
  });

  it("is only for people who edit documents", async () => {
    const { owner, projectId } = await project();
    const reviewer = await signedUpClient(server.url, "Reviewer");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: reviewer.user.email, role: "reviewer" });
    expect((await page(reviewer.client, `/projects/${projectId}/documents/new`)).status).toBe(403);
    const post = await page(reviewer.client, `/projects/${projectId}/documents/new`, newDocument({ title: "x", kind: "other", text: "x" }));
    expect(post.status).toBe(403);
    const list = await page(reviewer.client, `/projects/${projectId}/documents`);
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain("Add document");
  });
});

describe("document list", () => {
  it("searches by title, filters by kind and deletes a document with its codings", async () => {
    const { owner, projectId } = await project();
    const add = (title: string, kind: string) =>
      owner.post(`/api/v1/projects/${projectId}/documents`, { title, kind, text: `Text of ${title}` }).then((r) => r.body.id as string);
    const a = await add("Interview with Ana", "interview");
    await add("Bus stop note", "field_note");
    await add("Interview with Bo", "interview");
    const titles = async (query: string) => {
      const html = await (await page(owner, `/projects/${projectId}/documents${query}`)).text();
      return ["Interview with Ana", "Bus stop note", "Interview with Bo"].filter((t) => html.includes(t));
    };
    expect(await titles("")).toEqual(["Interview with Ana", "Bus stop note", "Interview with Bo"]);
    expect(await titles("?q=interview")).toEqual(["Interview with Ana", "Interview with Bo"]);
    expect(await titles("?q=interview&kind=field_note")).toEqual([]);
    expect(await titles("?kind=field_note")).toEqual(["Bus stop note"]);
    expect(await titles("?q=%25")).toEqual([]); // a literal %, not a wildcard
    expect(await titles("?kind=bogus")).toHaveLength(3);

    const { body: code } = await owner.post(`/api/v1/projects/${projectId}/codes`, { name: "Anger" });
    expect((await owner.post(`/api/v1/documents/${a}/codings`, { codeId: code.id, start: 0, end: 4 })).status).toBe(201);
    const html = await (await page(owner, `/projects/${projectId}/documents`)).text();
    expect(html).toContain("Its 1 coding goes with it");

    const other = await project();
    const foreign = await page(other.owner, `/projects/${other.projectId}/documents?index`, new URLSearchParams({ intent: "delete-document", documentId: a }));
    expect(foreign.status).toBe(404);

    const del = await page(owner, `/projects/${projectId}/documents?index`, new URLSearchParams({ intent: "delete-document", documentId: a }));
    expect(del.status).toBe(200);
    expect(await del.text()).toContain("“Interview with Ana” was deleted.");
    expect((await owner.get(`/api/v1/documents/${a}`)).status).toBe(404);
  });
});

describe("codebook page", () => {
  it("creates, moves and deletes codes through its forms, and refuses a cycle or a coder's edit", async () => {
    const { owner, projectId } = await project();
    const path = `/projects/${projectId}/codebook`;
    const post = (client: ApiClient, fields: Record<string, string>) => page(client, path, new URLSearchParams(fields));
    const created = await post(owner, { intent: "create-code", name: "Leaving", parentId: "", color: "#aa3300", description: "" });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain("Code “Leaving” added.");
    const [leaving] = (await owner.get(`/api/v1/projects/${projectId}/codes`)).body.codes;
    await post(owner, { intent: "create-code", name: "Price", parentId: leaving.id, color: "#00aa33", description: "" });
    const price = (await owner.get(`/api/v1/projects/${projectId}/codes`)).body.codes.find((c: any) => c.name === "Price");
    expect(price).toMatchObject({ parentId: leaving.id, color: "#00aa33" });

    const cycle = await post(owner, { intent: "update-code", codeId: leaving.id, name: "Leaving", parentId: price.id, color: "#aa3300", description: "" });
    expect(cycle.status).toBe(422);
    expect(await cycle.text()).toContain("A code cannot be moved under itself or one of its sub-codes.");

    const coder = await signedUpClient(server.url, "Coder");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
    const denied = await post(coder.client, { intent: "update-code", codeId: price.id, name: "Mine", parentId: "", color: "#000000", description: "" });
    expect(denied.status).toBe(403);
    const proposed = await post(coder.client, { intent: "create-code", name: "Coder idea", parentId: "", color: "#123456", description: "" });
    expect(proposed.status).toBe(200);
    const coderPage = await (await page(coder.client, path)).text();
    expect(coderPage).toContain("Coder idea");
    expect(coderPage).not.toContain("Delete code");

    const memo = await post(coder.client, { intent: "add-memo", codeId: price.id, body: "Price <i>or</i> value?" });
    expect(memo.status).toBe(200);
    expect(await memo.text()).toContain("Memos (1)");
    const memos = (await owner.get(`/api/v1/codes/${price.id}/memos`)).body.memos;
    expect(memos.map((m: any) => [m.body, m.authorId])).toEqual([["Price <i>or</i> value?", coder.user.id]]);

    // The codings count beside each code.
    const { body: doc } = await owner.post(`/api/v1/projects/${projectId}/documents`, { title: "D", kind: "other", text: "abcdef" });
    await owner.post(`/api/v1/documents/${doc.id}/codings`, { codeId: price.id, start: 0, end: 3 });
    await owner.post(`/api/v1/documents/${doc.id}/codings`, { codeId: price.id, start: 3, end: 6 });
    expect(await (await page(owner, path)).text()).toMatch(/Price<\/span>.*?2 codings/);

    const reviewer = await signedUpClient(server.url, "Reviewer");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: reviewer.user.email, role: "reviewer" });
    const readOnly = await (await page(reviewer.client, path)).text();
    expect(readOnly).toContain("You can read the codebook and its memos.");
    expect(readOnly).not.toContain("Add code");
    expect(readOnly).not.toContain("Delete code");
    expect((await post(reviewer.client, { intent: "create-code", name: "No", parentId: "", color: "#000000" })).status).toBe(403);
    expect((await post(reviewer.client, { intent: "add-memo", codeId: price.id, body: "No" })).status).toBe(403);

    // Merging the coder's code into Price moves its codings there.
    const idea = (await owner.get(`/api/v1/projects/${projectId}/codes`)).body.codes.find((c: any) => c.name === "Coder idea");
    await owner.post(`/api/v1/documents/${doc.id}/codings`, { codeId: idea.id, start: 1, end: 2 });
    const merged = await post(owner, { intent: "merge-code", codeId: idea.id, intoId: price.id });
    expect(merged.status).toBe(200);
    expect(await merged.text()).toContain("“Coder idea” was merged into “Price”.");
    const live = (await owner.get(`/api/v1/documents/${doc.id}`)).body;
    expect(live.codings.map((c: any) => c.codeId)).toEqual([price.id, price.id, price.id]);
    const intoItself = await post(owner, { intent: "merge-code", codeId: price.id, intoId: price.id });
    expect(intoItself.status).toBe(422);

    const deleted = await post(owner, { intent: "delete-code", codeId: leaving.id });
    expect(deleted.status).toBe(200);
    const codes = (await owner.get(`/api/v1/projects/${projectId}/codes`)).body.codes;
    expect(codes.map((c: any) => [c.name, c.parentId])).toEqual([["Price", null]]);
  });
});
