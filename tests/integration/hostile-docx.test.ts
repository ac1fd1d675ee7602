/**
 * A small .docx that unpacks to gigabytes (zeros, or Word XML repeated) is refused on the
 * "Add document" page before mammoth sees it, quickly, with the reason beside the file field;
 * nothing is created, and other people's requests are answered meanwhile.
 */
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { craftZip, storedEntry, zerosEntry, type CraftedEntry } from "../setup/crafted-zip";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let owner: ApiClient;
let projectId: string;
beforeAll(async () => {
  server = await startTestServer();
  owner = (await signedUpClient(server.url, "Writer")).client;
  projectId = (await owner.post("/api/v1/projects", { name: "Stories" })).body.id;
}, 120_000);
afterAll(() => server?.close());

const TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const BODY_OPEN = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;
const BODY_CLOSE = `</w:body></w:document>`;

const docx = (document: CraftedEntry) => craftZip([storedEntry("[Content_Types].xml", TYPES), storedEntry("_rels/.rels", RELS), document]);

function deflated(name: string, text: string): CraftedEntry {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), method: 8, size: raw.byteLength };
}

/** Posts the form with `bytes` as the file, timing a GET /api/v1/me sent just after it. */
async function upload(name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append("title", "");
  form.append("kind", "interview");
  form.append("text", "");
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const started = performance.now();
  const pending = fetch(`${server.url}/projects/${projectId}/documents/new`, { method: "POST", headers: { cookie: owner.cookie! }, body: form, redirect: "manual" });
  const meStarted = performance.now();
  const me = await owner.get("/api/v1/me");
  const meMs = performance.now() - meStarted;
  const res = await pending;
  const html = await res.text();
  const documents = (await owner.get(`/api/v1/projects/${projectId}/documents`)).body.documents as { title: string }[];
  return { status: res.status, html, ms: performance.now() - started, meMs, meStatus: me.status, documents };
}

describe("a .docx that unpacks past its limits", () => {
  it("refuses a document part of 1000 MiB of zeros at once, while others are served", async () => {
    const bomb = docx(zerosEntry("word/document.xml", 1000));
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    const res = await upload("bomb.docx", bomb);
    expect(res.status).toBe(413);
    expect(res.html).toContain("This .docx file holds “word/document.xml”, which unpacks to more than 64 MB; at most 64 MB per file is accepted.");
    expect(res.ms).toBeLessThan(5_000);
    expect(res.meStatus).toBe(200);
    expect(res.meMs).toBeLessThan(1_000);
    expect(res.documents).toEqual([]);
  });

  it("refuses Word XML repeated until it packs more than 100-fold", async () => {
    const paragraphs = "<w:p><w:r><w:t>la</w:t></w:r></w:p>".repeat(1_000_000);
    const res = await upload("laughs.docx", docx(deflated("word/document.xml", BODY_OPEN + paragraphs + BODY_CLOSE)));
    expect(res.status).toBe(413);
    expect(res.html).toContain("which unpacks to more than 100 times its packed size, as only a zip bomb does");
    expect(res.meMs).toBeLessThan(1_000);
    expect(res.documents).toEqual([]);
  });

  it("calls a header that understates its part damaged, after inflating only what it declared", async () => {
    const res = await upload("liar.docx", docx(zerosEntry("word/document.xml", 1000, 4096)));
    expect(res.status).toBe(400);
    expect(res.html).toContain("This .docx file could not be read: it may be damaged.");
    expect(res.ms).toBeLessThan(5_000);
    expect(res.documents).toEqual([]);
  });

  it("still turns an ordinary .docx into a document", async () => {
    const res = await upload("Maria.docx", docx(deflated("word/document.xml", `${BODY_OPEN}<w:p><w:r><w:t>The bus did not come.</w:t></w:r></w:p>${BODY_CLOSE}`)));
    expect(res.status, res.html.slice(0, 500)).toBe(302);
    expect(res.documents.map((d) => d.title)).toEqual(["Maria"]);
  });
});
