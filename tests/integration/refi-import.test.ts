import { readFile } from "node:fs/promises";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

const FIXTURES = new URL("../fixtures/refi/", import.meta.url).pathname;
const MAX_IMPORT = 300_000;

let server: TestServer;
let owner: ApiClient;
beforeAll(async () => {
  // A small import limit, so the oversized case is quick; every fixture is well under it.
  server = await startTestServer({ config: (c) => ({ ...c, maxImportBytes: MAX_IMPORT }) });
  owner = (await signedUpClient(server.url, "Importer")).client;
});
afterAll(() => server?.close());

async function importFile(client: ApiClient, bytes: Uint8Array, name = "Imported", type = "application/zip") {
  const headers: Record<string, string> = { "content-type": type };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await fetch(`${server.url}/api/v1/projects/import?name=${encodeURIComponent(name)}`, { method: "POST", headers, body: new Uint8Array(bytes) });
  return { status: res.status, body: (await res.json()) as any };
}
const fixture = async (file: string) => new Uint8Array(await readFile(FIXTURES + file));

interface Code {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
  description: string;
  codingCount: number;
}

/** Levels in the code tree: 1 for a flat codebook, 0 for none. */
function depth(codes: Code[]): number {
  const parent = new Map(codes.map((c) => [c.id, c.parentId]));
  let max = 0;
  for (const c of codes) {
    let d = 1;
    for (let p = c.parentId; p; p = parent.get(p) ?? null) d++;
    max = Math.max(max, d);
  }
  return max;
}
const pathOf = (codes: Code[], id: string) => {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let c = byId.get(id); c; c = c.parentId ? byId.get(c.parentId) : undefined) names.unshift(c.name);
  return names.join("/");
};

async function project(id: string) {
  const [codes, documents] = await Promise.all([owner.get(`/api/v1/projects/${id}/codes`), owner.get(`/api/v1/projects/${id}/documents`)]);
  expect(codes.status).toBe(200);
  expect(documents.status).toBe(200);
  return { codes: codes.body.codes as Code[], documents: documents.body.documents as any[] };
}

describe("REFI-QDA import of real exports", () => {
  it("imports the blank ATLAS.ti project as an empty project the importer owns", async () => {
    const res = await importFile(owner, await fixture("blank-atlas-project.qdpx"), "Blank");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report).toMatchObject({ codes: 0, sources: 0, codings: 0 });
    // Its two users cannot become members: the report says so.
    expect(res.body.report.skipped.map((s: any) => s.what)).toEqual(['User “Enric Llagostera”', "User “ATLAS.ti”"]);
    const got = await owner.get(`/api/v1/projects/${res.body.id}`);
    expect(got.body).toMatchObject({ name: "Blank", role: "owner" });
    expect(await project(res.body.id)).toEqual({ codes: [], documents: [] });
  });

  it("imports the ATLAS.ti codebook with its hierarchy", async () => {
    const res = await importFile(owner, await fixture("target-atlas-project.qdpx"));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report).toMatchObject({ codes: 3, sources: 0, codings: 0 });
    const { codes } = await project(res.body.id);
    expect(codes).toHaveLength(3);
    expect(depth(codes)).toBe(2);
    const commits = codes.find((c) => c.name === "Commits")!;
    expect(commits.parentId).toBeNull();
    expect(codes.filter((c) => c.parentId === commits.id).map((c) => c.name).sort()).toEqual(["2022-02-11T10:39:25Z cdbfd92", "2022-05-10T02:05:59Z 19e4dce"]);
  });

  it("imports NVivo for Mac's 262 codes and both sources, and reports their empty texts", async () => {
    const res = await importFile(owner, await fixture("nvivo-mac-15.qdpx"));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report).toMatchObject({ codes: 262, sources: 2, codings: 0 });
    const { codes, documents } = await project(res.body.id);
    expect(codes).toHaveLength(262);
    expect(depth(codes)).toBe(7);
    expect(documents).toHaveLength(2);
    // Both the .txt (one line end) and the .docx beside it are empty: said, not hidden.
    const empties = res.body.report.skipped.filter((s: any) => s.what.startsWith("The text of source"));
    expect(empties).toHaveLength(2);
    expect(empties[0].why).toMatch(/empty/);
  });

  it("imports qualitative-coding's demo: 205 codings of 158 selections, at the right words", async () => {
    const res = await importFile(owner, await fixture("qc-demo.qdpx"), "qc demo");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report).toMatchObject({ codes: 262, sources: 2, codings: 205 });
    const { codes, documents } = await project(res.body.id);
    expect(codes).toHaveLength(262);
    expect(depth(codes)).toBe(7);
    expect(codes.reduce((n, c) => n + c.codingCount, 0)).toBe(205);
    expect(documents.map((d) => [d.title, d.codingCount]).sort()).toEqual([["admin-1", 0], ["board_2017", 205]]);

    const board = await owner.get(`/api/v1/documents/${documents.find((d) => d.title === "board_2017").id}`);
    const codings = board.body.codings as any[];
    expect(codings).toHaveLength(205);
    const at = (start: number) => codings.filter((c) => c.start === start);
    expect(at(320).map((c) => [c.quote, pathOf(codes, c.codeId)])).toEqual([
      ["This district goal is engage every student in joyful, purposeful learning that \n", "rq2_curriculum_and_instruction/pedagogy/fun"],
    ]);
    expect(at(1373).map((c) => [c.quote, pathOf(codes, c.codeId)])).toEqual([
      ["that all students feel empowered by complex problem solving in computer \n", "rq1_definition/practices/computational_thinking"],
    ]);
    // Overlapping codes: one selection carrying two codings.
    expect(at(3670)).toHaveLength(2);
    for (const c of codings) expect(c.quote).toBe(board.body.text.slice(c.start, c.end));
    // The one user's codings are the importer's now, and the report says whose they were.
    expect(res.body.report.skipped).toContainEqual({ what: "User “cp”", why: expect.stringMatching(/205 codings are attributed to you/) });
  });
});

describe("REFI-QDA import refuses what it cannot read, and creates nothing", () => {
  const projectCount = async () => (await owner.get("/api/v1/projects")).body.projects.length as number;

  it.each([
    ["a file that is not a zip", strToU8("just some text"), /not a zip/],
    ["a zip with no .qde", zipSync({ "readme.txt": strToU8("hello") }), /no project\.qde/],
    ["a .qde that is not well-formed XML", zipSync({ "project.qde": strToU8("<Project><Users></Project>") }), /not well-formed XML \(line 1/],
    ["XML that is not a REFI project", zipSync({ "project.qde": strToU8("<Codebook/>") }), /not a REFI-QDA project/],
  ])("%s is a 422 saying why", async (_label, bytes, message) => {
    const before = await projectCount();
    const res = await importFile(owner, bytes);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(message);
    expect(await projectCount()).toBe(before);
  });

  it("refuses a file over MAX_IMPORT_BYTES with 413", async () => {
    const before = await projectCount();
    const res = await importFile(owner, new Uint8Array(MAX_IMPORT + 1), "Too big", "application/octet-stream");
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(await projectCount()).toBe(before);
  });

  it("needs a name, a zip's content type and a signed-in user", async () => {
    const bytes = await fixture("blank-atlas-project.qdpx");
    const noName = await fetch(`${server.url}/api/v1/projects/import`, { method: "POST", headers: { "content-type": "application/zip", cookie: owner.cookie! }, body: bytes });
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as any).error.fields.name).toBe("Name is required.");
    expect((await importFile(owner, bytes, "CSV?", "text/csv")).status).toBe(415);
    expect((await importFile(new ApiClient(server.url), bytes)).status).toBe(401);
  });
});

/** A minimal Word file holding `paragraphs`, as mammoth reads it. */
function docx(paragraphs: string[]) {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/document.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });
}

describe("REFI-QDA import of what tools disagree on", () => {
  // Windows line ends and characters outside the BMP, with offsets counted in UTF-16 units and
  // CR LF as two (as a .NET tool counts): each selection's name is its text, which tells.
  const A = "Intro 😀 line.\r\nWe hope it gets better.\r\nCosts 👋🏽 went up.";
  const u16 = (part: string) => `startPosition="${A.indexOf(part)}" endPosition="${A.indexOf(part) + part.length}"`;
  const sel = (guid: string, name: string, where: string, inner: string) => `<PlainTextSelection guid="${guid}" name="${name}" ${where}>${inner}</PlainTextSelection>`;
  const coding = (code: string, note = "") => `<Coding guid="c-${code}-${Math.random()}" creatingUser="u1"><CodeRef targetGUID="${code}"/>${note}</Coding>`;
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="tricky" origin="Some tool 1.0">
  <Users><User guid="u1" name="Ana Researcher"/></Users>
  <CodeBook><Codes>
    <Code guid="feel" name="Feelings" isCodable="true" color="#AA3300"><Description>How people feel</Description>
      <Code guid="hope" name="Hope" isCodable="true" color="#0a5"/>
    </Code>
    <Code guid="cost" name="Cost" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="v-age" name="Age" typeOfVariable="Integer"/><Variable guid="v-region" name="Region" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="case1" name="C-1"><VariableValue><VariableRef targetGUID="v-region"/><TextValue>North</TextValue></VariableValue><SourceRef targetGUID="A"/><SourceRef targetGUID="B"/></Case></Cases>
  <Sources>
    <TextSource guid="A" name="Interview Ana" plainTextPath="internal://A.txt">
      ${sel("s1", "hope it gets better", u16("hope it gets better"), coding("hope", '<NoteRef targetGUID="n1"/>'))}
      ${sel("s2", "Costs 👋🏽 went up", u16("Costs 👋🏽 went up"), coding("cost") + coding("feel"))}
      ${sel("s3", "nowhere", 'startPosition="500" endPosition="600"', coding("cost"))}
      ${sel("s4", "uncoded", u16("Intro"), "")}
      ${sel("s5", "Intro", u16("Intro"), coding("gone"))}
      <NoteRef targetGUID="n2"/>
      <VariableValue><VariableRef targetGUID="v-age"/><IntegerValue>34</IntegerValue></VariableValue>
    </TextSource>
    <TextSource guid="B" name="Notes B" plainTextPath="internal://B.txt" richTextPath="internal://B.docx">
      <PlainTextSelection guid="s6" name="Second one." startPosition="18" endPosition="29">${coding("cost")}</PlainTextSelection>
    </TextSource>
    <PDFSource guid="P" name="Scan" path="internal://P.pdf"/>
  </Sources>
  <Notes>
    <Note guid="n1" name="on a coding"><PlainTextContent>Turning point</PlainTextContent></Note>
    <Note guid="n2" name="on Ana"><PlainTextContent>Ana sounded tired.</PlainTextContent></Note>
    <Note guid="n3" name="Loose idea"><PlainTextContent>Unattached</PlainTextContent></Note>
  </Notes>
  <Sets><Set guid="set1" name="Group"/></Sets>
</Project>`;

  it("places every selection on the right words, and says what it left out", async () => {
    const file = zipSync({
      "tricky.qde": strToU8(qde),
      "Sources/A.txt": strToU8(A),
      "Sources/B.txt": strToU8("\n"),
      "Sources/B.docx": docx(["First paragraph.", "Second one."]),
    });
    const res = await importFile(owner, file, "Tricky");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report).toMatchObject({ codes: 3, sources: 2, codings: 4 });

    const { codes, documents } = await project(res.body.id);
    const code = (name: string) => codes.find((c) => c.name === name)!;
    expect(code("Hope")).toMatchObject({ parentId: code("Feelings").id, color: "#00aa55" });
    expect(code("Feelings")).toMatchObject({ parentId: null, color: "#aa3300", description: "How people feel" });

    const docA = (await owner.get(`/api/v1/documents/${documents.find((d) => d.title === "Interview Ana").id}`)).body;
    expect(docA.text).toBe(A.replace(/\r\n/g, "\n"));
    expect(docA).toMatchObject({ caseKey: "C-1", attributes: { Age: 34, Region: "North" } });
    expect(docA.codings.map((c: any) => [pathOf(codes, c.codeId), c.quote, c.memo]).sort()).toEqual([
      ["Cost", "Costs 👋🏽 went up", ""],
      ["Feelings", "Costs 👋🏽 went up", ""],
      ["Feelings/Hope", "hope it gets better", "Turning point"],
    ]);
    const memos = await owner.get(`/api/v1/documents/${docA.id}/memos`);
    expect(memos.body.memos.map((m: any) => m.body)).toEqual(["Ana sounded tired."]);

    // The plain text is blank, so the Word copy's text is used: the selection fits it.
    const docB = (await owner.get(`/api/v1/documents/${documents.find((d) => d.title === "Notes B").id}`)).body;
    expect(docB.text).toBe("First paragraph.\n\nSecond one.");
    expect(docB.codings.map((c: any) => c.quote)).toEqual(["Second one."]);
    expect(docB).toMatchObject({ caseKey: "C-1", attributes: { Region: "North" } });

    const skipped = res.body.report.skipped as { what: string; why: string }[];
    const why = (what: string) => skipped.find((s) => s.what.startsWith(what))?.why;
    expect(why("Selection “nowhere”")).toMatch(/does not fall inside the text/);
    expect(why("Selection “uncoded”")).toMatch(/No code is applied/);
    expect(why("A coding of Selection “Intro”")).toMatch(/not in the codebook/);
    expect(why("PDF source “Scan”")).toMatch(/text documents only/);
    expect(why("1 set")).toMatch(/no sets/);
    expect(why("Note “Loose idea”")).toMatch(/not attached/);
    expect(why("User “Ana Researcher”")).toMatch(/4 codings are attributed to you/);
  });
});

describe("the import page", () => {
  it("offers the import on the projects page and shows the report with a link to the new project", async () => {
    const list = await fetch(`${server.url}/projects`, { headers: { cookie: owner.cookie! } });
    expect(await list.text()).toContain("Import a REFI-QDA project (.qdpx)");

    const form = new FormData();
    form.set("name", "From the page");
    form.set("file", new Blob([await fixture("target-atlas-project.qdpx")], { type: "application/zip" }), "target.qdpx");
    const res = await fetch(`${server.url}/projects/import`, { method: "POST", headers: { cookie: owner.cookie! }, body: form });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("“From the page” is imported");
    expect(html).toContain("3 codes");
    expect(html).toContain("What was not imported");
    expect(html).toContain("User “Enric Llagostera”");
    const created = (await owner.get("/api/v1/projects")).body.projects.find((p: any) => p.name === "From the page");
    expect(html).toContain(`href="/projects/${created.id}"`);
  });

  it("says what is wrong with a file that is not a project, beside the form", async () => {
    const form = new FormData();
    form.set("name", "Broken");
    form.set("file", new Blob(["not a zip"]), "broken.qdpx");
    const res = await fetch(`${server.url}/projects/import`, { method: "POST", headers: { cookie: owner.cookie! }, body: form });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("it is not a zip archive");
  });
});
