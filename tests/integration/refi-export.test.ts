import { parse as parseCsv } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { PROJECT_XSD as XSD, qdeParser as parser, xmllint } from "../setup/refi-files";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// Windows line ends (the API keeps text as sent) and characters outside the BMP, before and
// inside coded passages, so UTF-16 and code-point offsets differ (the export writes UTF-16).
const D1 = "Hello 😀 world.\r\nI hope it gets better & cheaper.\r\nBye 👋🏽 now.";
const D2 = "Plain notes about costs <and> fees.";
const span = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });

async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const coder = await signedUpClient(server.url, "Coder");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Churn: stories", description: "Why they leave" })).id as string;
  await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
  const codes = `/api/v1/projects/${projectId}/codes`;
  const feelings = await post(owner.client, codes, { name: "Feelings", color: "#aa3300", description: "How people feel" });
  const hope = await post(owner.client, codes, { name: "Hope", parentId: feelings.id, color: "#00aa55", description: "Looking up & <forward>" });
  const cost = await post(owner.client, codes, { name: "Cost", color: "#3355ff" });
  const doc = (title: string, text: string, caseKey: string, attributes: object) =>
    post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text, caseKey, attributes });
  const d1 = await doc("Interview “Ana”", D1, "C-1", { age: 34, region: "North", member: true });
  const d2 = await doc("Notes <2>", D2, "C-1", { age: 41, region: "North", joined: "2024-05-01" });
  const coding = (client: ApiClient, d: { id: string }, text: string, codeId: string, part: string, memo?: string) =>
    post(client, `/api/v1/documents/${d.id}/codings`, { codeId, ...span(text, part), ...(memo ? { memo } : {}) });
  const hopeCoding = await coding(owner.client, d1, D1, hope.id, "hope it gets better", "Turning point");
  // Overlaps the owner's coding, by the other person.
  const feelingsCoding = await coding(coder.client, d1, D1, feelings.id, "I hope it gets");
  const waveCoding = await coding(owner.client, d1, D1, cost.id, "👋🏽 now");
  const costCoding = await coding(coder.client, d2, D2, cost.id, "costs <and> fees");
  await post(coder.client, `/api/v1/documents/${d1.id}/memos`, { body: "Ana sounded tired." });
  await post(owner.client, `/api/v1/codes/${hope.id}/memos`, { body: "Use for any hope about the future." });
  return { owner, coder, projectId, feelings, hope, cost, d1, d2, hopeCoding, feelingsCoding, waveCoding, costCoding };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

async function download(client: ApiClient, path: string) {
  const res = await fetch(server.url + path, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function exported() {
  const res = await download(f.owner.client, `/api/v1/projects/${f.projectId}/export.qdpx`);
  expect(res.status).toBe(200);
  const files = unzipSync(res.bytes);
  const qde = strFromU8(files["project.qde"]!);
  return { res, files, qde, project: parser.parse(qde).Project };
}

describe("REFI-QDA export", () => {
  it("downloads a .qdpx whose project.qde is valid against the REFI-QDA Project schema", async () => {
    const { res, files, qde, project } = await exported();
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain('attachment; filename="Churn stories.qdpx"');
    expect(await xmllint(qde, XSD)).toBe("valid");
    expect(project.xmlns).toBe("urn:QDA-XML:project:1.0");
    expect(project).toMatchObject({ name: "Churn: stories", origin: "Thicket", Description: "Why they leave" });
    const sources = project.Sources.TextSource;
    expect(Object.keys(files).sort()).toEqual(["project.qde", ...sources.map((s: any) => `Sources/${s.guid}.txt`)].sort());
  });

  it("holds the people, the code hierarchy with colours and descriptions, and the texts exactly as stored", async () => {
    const { files, project } = await exported();
    expect(project.Users.User.map((u: any) => u.name).sort()).toEqual(["Coder", "Owner"]);
    const top = project.CodeBook.Codes.Code;
    expect(top.map((c: any) => c.name)).toEqual(["Cost", "Feelings"]);
    const feelings = top[1];
    expect(feelings).toMatchObject({ color: "#aa3300", isCodable: "true", Description: "How people feel" });
    expect(feelings.Code).toHaveLength(1);
    expect(feelings.Code[0]).toMatchObject({ name: "Hope", color: "#00aa55", Description: "Looking up & <forward>" });
    const [s1, s2] = project.Sources.TextSource;
    expect(s1).toMatchObject({ name: "Interview “Ana”", plainTextPath: `internal://${s1.guid}.txt` });
    expect(s2.name).toBe("Notes <2>");
    // Line ends are kept: \r\n in the text is \r\n in the file, two characters.
    expect(strFromU8(files[`Sources/${s1.guid}.txt`]!)).toBe(D1);
    expect(strFromU8(files[`Sources/${s2.guid}.txt`]!)).toBe(D2);
  });

  it("writes each coding as a selection whose UTF-16 offsets pick out its quote, with its code, author and time", async () => {
    const { files, project } = await exported();
    const users = new Map(project.Users.User.map((u: any) => [u.name, u.guid]));
    const codeGuids = new Map<string, string>();
    const walk = (codes: any[]) => codes.forEach((c) => (codeGuids.set(c.name, c.guid), walk(c.Code ?? [])));
    walk(project.CodeBook.Codes.Code);
    const seen: Array<[string, string, unknown]> = [];
    for (const source of project.Sources.TextSource) {
      const units = strFromU8(files[`Sources/${source.guid}.txt`]!);
      for (const sel of source.PlainTextSelection ?? []) {
        const text = units.slice(Number(sel.startPosition), Number(sel.endPosition));
        const code = [...codeGuids].find(([, guid]) => guid === sel.Coding[0].CodeRef.targetGUID)![0];
        const author = [...users].find(([, guid]) => guid === sel.Coding[0].creatingUser)![0];
        expect(sel.Coding[0].creationDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
        seen.push([code, text, author]);
      }
    }
    expect(seen.sort()).toEqual(
      [
        ["Hope", "hope it gets better", "Owner"],
        ["Feelings", "I hope it gets", "Coder"],
        ["Cost", "👋🏽 now", "Owner"],
        ["Cost", "costs <and> fees", "Coder"],
      ].sort(),
    );
    // "hope" starts after "Hello 😀 world.\r\nI ": 19 UTF-16 units (as NVivo counts), 18 code points.
    const hope = project.Sources.TextSource[0].PlainTextSelection.find((s: any) => s.name === "hope it gets better");
    expect([hope.startPosition, hope.endPosition]).toEqual(["19", "38"]);
  });

  it("turns memos into notes pointed at from their document, code and coding", async () => {
    const { project } = await exported();
    const notes = new Map(project.Notes.Note.map((n: any) => [n.guid, n]));
    const noteText = (ref: { targetGUID: string }) => (notes.get(ref.targetGUID) as any).PlainTextContent;
    const [s1] = project.Sources.TextSource;
    expect(s1.NoteRef.map(noteText)).toEqual(["Ana sounded tired."]);
    expect(project.CodeBook.Codes.Code[1].Code[0].NoteRef.map(noteText)).toEqual(["Use for any hope about the future."]);
    const hope = s1.PlainTextSelection.find((s: any) => s.name === "hope it gets better");
    expect(hope.Coding[0].NoteRef.map(noteText)).toEqual(["Turning point"]);
    expect(notes.size).toBe(3);
  });

  it("maps attributes to typed variables, the kind to one more, and the case key to a case holding its documents and their shared values", async () => {
    const { project } = await exported();
    const variables = new Map(project.Variables.Variable.map((v: any) => [v.name, v]));
    expect([...variables.values()].map((v: any) => [v.name, v.typeOfVariable])).toEqual([
      ["Thicket document kind", "Text"],
      ["age", "Integer"],
      ["joined", "Date"],
      ["member", "Boolean"],
      ["region", "Text"],
    ]);
    const valuesOf = (holder: any) =>
      Object.fromEntries(
        (holder.VariableValue ?? []).map((vv: any) => {
          const variable = [...variables.values()].find((v: any) => v.guid === vv.VariableRef.targetGUID) as any;
          return [variable.name, vv.TextValue ?? vv.IntegerValue ?? vv.BooleanValue ?? vv.DateValue];
        }),
      );
    const [s1, s2] = project.Sources.TextSource;
    expect(valuesOf(s1)).toEqual({ "Thicket document kind": "Interview", age: "34", member: "true", region: "North" });
    expect(valuesOf(s2)).toEqual({ "Thicket document kind": "Interview", age: "41", joined: "2024-05-01", region: "North" });
    const [theCase] = project.Cases.Case;
    expect(theCase.name).toBe("C-1");
    expect(theCase.SourceRef.map((r: any) => r.targetGUID)).toEqual([s1.guid, s2.guid]);
    expect(valuesOf(theCase)).toEqual({ region: "North" });
  });

  it("gives everything the same GUIDs in a second export, and records each export in the audit log", async () => {
    const guids = (qde: string) => [...qde.matchAll(/guid="([^"]+)"/g)].map((m) => m[1]).sort();
    const [first, second] = [await exported(), await exported()];
    expect(guids(second.qde)).toEqual(guids(first.qde));
    const audit = await f.owner.client.get(`/api/v1/projects/${f.projectId}/audit`);
    const exports = audit.body.events.filter((e: any) => e.action === "project.exported");
    expect(exports.length).toBeGreaterThanOrEqual(2);
    expect(exports[0]).toMatchObject({ actor: { name: "Owner" }, detail: { format: "qdpx", documents: 2, codings: 4 } });
  });

  it("is for owners only: a coder gets 403, someone outside the project 404", async () => {
    const path = `/api/v1/projects/${f.projectId}/export.qdpx`;
    expect((await f.coder.client.get(path)).status).toBe(403);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await stranger.client.get(path)).status).toBe(404);
    const ownProject = (await post(stranger.client, "/api/v1/projects", { name: "Mine" })).id;
    expect((await f.owner.client.get(`/api/v1/projects/${ownProject}/export.qdpx`)).status).toBe(404);
  });
});

describe("codebook and codings downloads", () => {
  it("serves the codebook as a well-formed REFI-QDA .qdc, to readers too", async () => {
    const res = await download(f.coder.client, `/api/v1/projects/${f.projectId}/codebook.qdc`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    expect(res.headers.get("content-disposition")).toContain('filename="Churn stories.qdc"');
    const xml = strFromU8(res.bytes);
    expect(await xmllint(xml)).toBe("valid");
    const book = parser.parse(xml).CodeBook;
    expect(book).toMatchObject({ xmlns: "urn:QDA-XML:codebook:1.0", origin: "Thicket" });
    expect(book.Codes.Code.map((c: any) => c.name)).toEqual(["Cost", "Feelings"]);
    expect(book.Codes.Code[1].Code[0]).toMatchObject({ name: "Hope", color: "#00aa55", Description: "Looking up & <forward>" });
  });

  it("serves every coding as a CSV row with its document, code path, offsets, quote, author and memo", async () => {
    const res = await download(f.coder.client, `/api/v1/projects/${f.projectId}/codings.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows: Record<string, string>[] = parseCsv(strFromU8(res.bytes), { columns: true });
    expect(rows).toHaveLength(4);
    const hope = rows.find((r) => r.code === "Hope")!;
    expect(hope).toMatchObject({
      document: "Interview “Ana”",
      code_path: "Feelings / Hope",
      // The API's offsets: UTF-16 code units, as GET /documents/:id gives them.
      start: String(f.hopeCoding.start),
      end: String(f.hopeCoding.end),
      quote: "hope it gets better",
      author: "Owner",
      memo: "Turning point",
      coding_id: f.hopeCoding.id,
    });
    expect(Date.parse(hope.created_at!)).not.toBeNaN();
    expect(rows.find((r) => r.coding_id === f.costCoding.id)).toMatchObject({ quote: "costs <and> fees", author: "Coder", document: "Notes <2>" });
  });
});

it("offers the downloads on the settings page: all three to an owner, the codebook and codings to a coder", async () => {
  const page = async (client: ApiClient) => strFromU8((await download(client, `/projects/${f.projectId}/settings`)).bytes);
  const [ownerPage, coderPage] = [await page(f.owner.client), await page(f.coder.client)];
  const base = `/api/v1/projects/${f.projectId}`;
  expect(ownerPage).toContain("Download REFI-QDA project (.qdpx)");
  expect(ownerPage).toContain(`href="${base}/export.qdpx"`);
  expect(coderPage).not.toContain(`href="${base}/export.qdpx"`);
  for (const html of [ownerPage, coderPage]) {
    expect(html).toContain(`href="${base}/codebook.qdc"`);
    expect(html).toContain(`href="${base}/codings.csv"`);
    expect(html).toContain("NVivo, ATLAS.ti and MAXQDA open");
  }
});
