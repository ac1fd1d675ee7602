/**
 * What a REFI-QDA round trip keeps: the document kind, memo authors and dates, folders
 * (`isCodable="false"`) and the GUIDs of imported objects, so a project sent back to the tool it
 * came from matches its objects instead of duplicating them.
 */
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { anchorRange, codingsOf } from "~/lib/collab/doc-model";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { until } from "../setup/collab-client";
import { useLiveServer, wsToken } from "../setup/live-server";
import { exportQdpx, importQdpx, PROJECT_XSD, qdeParser, xmllint } from "../setup/refi-files";
import { CALL_1, NOTE_TEXT, TOOL_GUIDS, toolQdpx } from "../setup/refi-tool-file";

const live = useLiveServer();
let importer: { client: ApiClient; user: { id: string; email: string; name: string } };
let imported: { id: string; report: any };

beforeAll(async () => {
  importer = await signedUpClient(live.server.url, "Importer");
  const res = await importQdpx(importer.client, toolQdpx(importer.user.email.toUpperCase()), "Calls");
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  imported = res.body;
});

/** A project as its members see it: codes, documents (kind, attributes) and memos, by name. */
async function view(client: ApiClient, projectId: string) {
  const codes = (await client.get(`/api/v1/projects/${projectId}/codes`)).body.codes as any[];
  const documents = (await client.get(`/api/v1/projects/${projectId}/documents`)).body.documents as any[];
  const memos = async (path: string) =>
    ((await client.get(path)).body.memos as any[]).map((m) => ({ body: m.body, authorId: m.authorId, importedAuthor: m.importedAuthor, createdAt: m.createdAt }));
  const docs: Record<string, any> = {};
  for (const d of documents) {
    const live = (await client.get(`/api/v1/documents/${d.id}`)).body;
    docs[d.title] = { id: d.id, kind: live.kind, attributes: live.attributes, codings: live.codings.length, memos: await memos(`/api/v1/documents/${d.id}/memos`) };
  }
  const codeMemos: Record<string, unknown[]> = {};
  for (const c of codes) codeMemos[c.name] = await memos(`/api/v1/codes/${c.id}/memos`);
  const code = (name: string) => codes.find((c) => c.name === name);
  return { codes, code, docs, codeMemos };
}

/** Each exported object's GUID by what a person recognises it by: names, texts and places. */
function guidsOf(project: any, files: Record<string, Uint8Array>) {
  const codes: Record<string, string> = {};
  const codable: Record<string, string> = {};
  const walk = (list: any[]) =>
    list.forEach((c) => {
      codes[c.name] = c.guid;
      codable[c.name] = c.isCodable;
      walk(c.Code ?? []);
    });
  walk(project.CodeBook.Codes.Code);
  const users = Object.fromEntries(project.Users.User.map((u: any) => [u.name, u.guid]));
  const notes = Object.fromEntries((project.Notes?.Note ?? []).map((n: any) => [n.PlainTextContent, n.guid]));
  const sources: Record<string, string> = {};
  const selections: Record<string, string> = {};
  const codings: Record<string, string> = {};
  for (const s of project.Sources.TextSource) {
    sources[s.name] = s.guid;
    const text = strFromU8(files[`Sources/${s.guid}.txt`]!);
    for (const sel of s.PlainTextSelection ?? []) {
      const quote = text.slice(Number(sel.startPosition), Number(sel.endPosition));
      selections[`${s.name}: ${quote}`] = sel.guid;
      for (const c of sel.Coding) codings[`${s.name}: ${quote} / ${Object.keys(codes).find((n) => codes[n] === c.CodeRef.targetGUID)}`] = c.guid;
    }
  }
  return { codes, codable, users, notes, sources, selections, codings };
}

/** The file's own GUIDs, keyed as guidsOf keys an export's. */
const fileGuids = {
  codes: TOOL_GUIDS.codes,
  users: { "Ana Lopez": TOOL_GUIDS.users.ana, Importer: TOOL_GUIDS.users.importer },
  notes: Object.fromEntries(Object.entries(NOTE_TEXT).map(([k, text]) => [text, TOOL_GUIDS.notes[k as keyof typeof NOTE_TEXT]])),
  sources: TOOL_GUIDS.sources,
  selections: {
    "Call 1: waited an hour": TOOL_GUIDS.selections.waited,
    "Call 1: too expensive": TOOL_GUIDS.selections.expensive,
    "Interview 2: fine": TOOL_GUIDS.selections.fine,
  },
  codings: {
    "Call 1: waited an hour / Waiting": TOOL_GUIDS.codings.waitedWaiting,
    "Call 1: waited an hour / Cost": TOOL_GUIDS.codings.waitedCost,
    "Call 1: too expensive / Cost": TOOL_GUIDS.codings.expensive,
    "Interview 2: fine / Loose": TOOL_GUIDS.codings.fine,
  },
};

describe("importing another tool's project", () => {
  it("keeps the document kind, folders, and who wrote each note and when", async () => {
    expect(imported.report).toMatchObject({ codes: 4, sources: 2, codings: 4 });
    const { code, docs, codeMemos } = await view(importer.client, imported.id);
    expect(code("Themes").codable).toBe(false);
    expect(["Waiting", "Cost", "Loose"].map((n) => code(n).codable)).toEqual([true, true, true]);
    expect(code("Waiting").parentId).toBe(code("Themes").id);

    // The kind variable sets the kind (by label or by key) and is not an attribute.
    expect(docs["Call 1"]).toMatchObject({ kind: "field_note", attributes: { Region: "North" }, codings: 3 });
    expect(docs["Interview 2"]).toMatchObject({ kind: "interview", attributes: {} });

    const ana = { name: "Ana Lopez", from: "NVivo" };
    expect(docs["Call 1"].memos).toEqual([
      { body: NOTE_TEXT.document, authorId: null, importedAuthor: ana, createdAt: "2021-05-06T07:08:09.000Z" },
      // The file's user whose id is the importer's e-mail (in another case) is the importer.
      { body: NOTE_TEXT.mine, authorId: importer.user.id, importedAuthor: null, createdAt: "2021-05-07T10:00:00.000Z" },
    ]);
    expect(codeMemos.Cost).toEqual([{ body: NOTE_TEXT.code, authorId: null, importedAuthor: ana, createdAt: "2020-01-02T03:04:05.000Z" }]);

    const skipped = imported.report.skipped as { what: string; why: string }[];
    expect(skipped.find((s) => s.what.startsWith("A coding of Selection “hour”"))?.why).toMatch(/folder “Themes”.*not codable/);
    expect(skipped.find((s) => s.what === "User “Ana Lopez”")?.why).toMatch(/3 codings are attributed to you\. 2 memos keep their name\./);
    expect(skipped.some((s) => s.what === "User “Someone at a desk”")).toBe(false);
  });

  it("shows a file author's memos under their name and the tool, and folders as folders", async () => {
    const { docs } = await view(importer.client, imported.id);
    const page = async (path: string) => (await importer.client.get(path)).body as string;
    const documentPage = await page(`/projects/${imported.id}/documents/${docs["Call 1"].id}`);
    expect(documentPage).toContain("Ana Lopez (from NVivo)");
    const codebook = await page(`/projects/${imported.id}/codebook`);
    expect(codebook).toMatch(/Themes<\/span>(?:(?!<\/li>)[\s\S])*?>Folder<\/span>/);
  });
});

describe("a folder cannot be applied", () => {
  it("is refused with 422 by the codings API, by coding all search hits, and as a merge target", async () => {
    const { code, docs } = await view(importer.client, imported.id);
    const themes = code("Themes");
    const doc = docs["Call 1"];
    const coding = await importer.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: themes.id, start: 3, end: 9 });
    expect(coding.status).toBe(422);
    expect(coding.body.error).toMatchObject({ code: "code_not_codable", message: expect.stringContaining("“Themes” is a folder") });
    const hits = await importer.client.post(`/api/v1/projects/${imported.id}/search/code`, { q: "hour", codeId: themes.id });
    expect(hits.status).toBe(422);
    expect(hits.body.error.code).toBe("code_not_codable");
    const merge = await importer.client.post(`/api/v1/codes/${code("Loose").id}/merge`, { intoId: themes.id });
    expect(merge.status).toBe(422);
    expect(merge.body.error.code).toBe("code_not_codable");
    // Nothing was coded: the document still has its three codings, the folder none.
    const after = await view(importer.client, imported.id);
    expect(after.docs["Call 1"].codings).toBe(3);
    expect(after.code("Themes").codingCount).toBe(0);
    expect(after.code("Loose")).toBeDefined();
  });
});

describe("exporting it back", () => {
  it("writes the file's GUIDs for the same objects, folders as isCodable=false, and a valid project", async () => {
    const { qde, project, files } = await exportQdpx(importer.client, imported.id);
    expect(await xmllint(qde, PROJECT_XSD)).toBe("valid");
    const got = guidsOf(project, files);
    expect(got.codes).toEqual(fileGuids.codes);
    expect(got.codable).toEqual({ Themes: "false", Waiting: "true", Cost: "true", Loose: "true" });
    expect(got.users).toEqual(fileGuids.users);
    expect(got.notes).toEqual(fileGuids.notes);
    expect(got.sources).toEqual(fileGuids.sources);
    expect(got.selections).toEqual(fileGuids.selections);
    expect(got.codings).toEqual(fileGuids.codings);
    // No GUID names two elements.
    const all = [...qde.matchAll(/ guid="([^"]+)"/g)].map((m) => m[1]!.toLowerCase());
    expect(new Set(all).size).toBe(all.length);

    const call = project.Sources.TextSource.find((s: any) => s.name === "Call 1");
    // One selection coded with two codes is one selection again, its note on the selection.
    const waited = call.PlainTextSelection.find((s: any) => s.guid === TOOL_GUIDS.selections.waited);
    expect(waited.Coding).toHaveLength(2);
    expect(waited.NoteRef.map((r: any) => r.targetGUID)).toEqual([TOOL_GUIDS.notes.selection]);
    // Notes keep their writer and dates.
    const note = project.Notes.Note.find((n: any) => n.guid === TOOL_GUIDS.notes.document);
    expect(note).toMatchObject({ creatingUser: TOOL_GUIDS.users.ana, creationDateTime: "2021-05-06T07:08:09.000Z", modifiedDateTime: "2021-06-01T00:00:00.000Z" });
    const mine = project.Notes.Note.find((n: any) => n.guid === TOOL_GUIDS.notes.mine);
    expect(mine.creatingUser).toBe(TOOL_GUIDS.users.importer);
    // The kind, as a variable value on each source.
    const kindVariable = project.Variables.Variable.find((v: any) => v.name === "Thicket document kind");
    const kindOf = (s: any) => s.VariableValue.find((v: any) => v.VariableRef.targetGUID === kindVariable.guid).TextValue;
    expect(kindOf(call)).toBe("Field note");
    expect(strFromU8(files[`Sources/${call.guid}.txt`]!)).toBe(CALL_1);
  });

  it("imports again into a new project with the same objects, none doubled, and exports the same GUIDs", async () => {
    const first = await exportQdpx(importer.client, imported.id);
    const again = await importQdpx(importer.client, first.bytes, "Calls again");
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.report).toMatchObject({ codes: 4, sources: 2, codings: 4 });
    const [before, after] = [await view(importer.client, imported.id), await view(importer.client, again.body.id)];
    const shape = (v: typeof before) => ({
      codes: v.codes.map((c) => [c.name, c.codable, c.codingCount]).sort(),
      docs: Object.fromEntries(
        Object.entries(v.docs).map(([title, d]) => [title, { kind: d.kind, attributes: d.attributes, codings: d.codings, memos: d.memos.map((m: any) => [m.body, m.createdAt, m.importedAuthor?.name ?? null]) }]),
      ),
      codeMemos: Object.fromEntries(Object.entries(v.codeMemos).map(([name, list]) => [name, list.length])),
    });
    expect(shape(after)).toEqual(shape(before));
    // Ana's memos still say who wrote them; the importer's are still the importer's.
    expect(after.docs["Call 1"].memos.map((m: any) => [m.authorId, m.importedAuthor])).toEqual([
      [null, { name: "Ana Lopez", from: "Thicket" }],
      [importer.user.id, null],
    ]);

    const second = await exportQdpx(importer.client, again.body.id);
    expect(await xmllint(second.qde, PROJECT_XSD)).toBe("valid");
    expect(guidsOf(second.project, second.files)).toEqual(guidsOf(first.project, first.files));
  });
});

describe("a folder written over the websocket", () => {
  it("is set aside like a code of another project: in no projection, count or export", async () => {
    const { code, docs } = await view(importer.client, imported.id);
    const editor = live.open(docs["Call 1"].id, await wsToken(importer.client));
    await editor.synced();
    const entry = (codeId: string, start: number, end: number) => ({
      codeId,
      ...anchorRange(editor.doc, start, end),
      authorId: importer.user.id,
      createdAt: new Date().toISOString(),
      memo: "",
    });
    editor.doc.transact(() => {
      codingsOf(editor.doc).set("into-a-folder", entry(code("Themes").id, 0, 2));
      codingsOf(editor.doc).set("a-real-code", entry(code("Loose").id, 0, 2));
    });
    const { collab } = live.server.services;
    await until(async () => (await collab.setAside(docs["Call 1"].id)).length > 0, "the server seeing the folder's coding");
    expect(await collab.setAside(docs["Call 1"].id)).toEqual([{ id: "into-a-folder", reason: "not_codable" }]);
    await collab.flush();
    const after = await view(importer.client, imported.id);
    expect(after.code("Loose").codingCount).toBe(2);
    expect(after.code("Themes").codingCount).toBe(0);
    const csv = (await importer.client.get(`/api/v1/projects/${imported.id}/codings.csv`)).body as string;
    expect(csv).toContain("a-real-code");
    expect(csv).not.toContain("into-a-folder");
    const { qde } = await exportQdpx(importer.client, imported.id);
    expect(qde).not.toContain(`<CodeRef targetGUID="${TOOL_GUIDS.codes.Themes}"/>`);
  });
});

describe("a project made in Thicket", () => {
  it("keeps its document kinds, memo writers and dates, and its GUIDs, through export and import", async () => {
    const owner = await signedUpClient(live.server.url, "Owner");
    const coder = await signedUpClient(live.server.url, "Coder");
    const projectId = (await post(owner.client, "/api/v1/projects", { name: "Made here" })).id as string;
    await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
    const codeId = (await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Hope" })).id as string;
    const made: [string, string][] = [["A story", "story"], ["Some notes", "field_note"], ["Seen on site", "observation"], ["Misc", "other"]];
    for (const [title, kind] of made) {
      const doc = await post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind, text: `${title}: hope remains.` });
      await post(coder.client, `/api/v1/documents/${doc.id}/codings`, { codeId, start: title.length + 2, end: title.length + 6 });
      await post(coder.client, `/api/v1/documents/${doc.id}/memos`, { body: `Coder on ${title}` });
    }
    await post(owner.client, `/api/v1/codes/${codeId}/memos`, { body: "Owner on Hope" });
    const before = await view(owner.client, projectId);

    const first = await exportQdpx(owner.client, projectId);
    const res = await importQdpx(owner.client, first.bytes, "Made here, again");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = await view(owner.client, res.body.id);
    const kinds = (v: typeof before) => Object.fromEntries(Object.entries(v.docs).map(([t, d]) => [t, d.kind]));
    expect(kinds(after)).toEqual({ "A story": "story", "Some notes": "field_note", "Seen on site": "observation", Misc: "other" });
    expect(after.docs["A story"].attributes).toEqual({});
    // The coder is not in the new project: their memo keeps their name and its time.
    expect(after.docs["A story"].memos).toEqual([
      { body: "Coder on A story", authorId: null, importedAuthor: { name: "Coder", from: "Thicket" }, createdAt: before.docs["A story"].memos[0].createdAt },
    ]);
    // The owner imported it: their memo is theirs.
    expect(after.codeMemos.Hope).toEqual(before.codeMemos.Hope);

    // Objects made in Thicket keep the GUIDs derived from their ids, through the import too.
    const second = await exportQdpx(owner.client, res.body.id);
    expect(guidsOf(second.project, second.files)).toEqual(guidsOf(first.project, first.files));
  });
});

it("parses the fixture as the schema wants", async () => {
  // The hand-made file is itself a valid REFI project, so the tests above read what tools write.
  const qde = strFromU8(unzipSync(toolQdpx("someone@example.org"))["project.qde"]!);
  expect(await xmllint(qde, PROJECT_XSD)).toBe("valid");
  expect(qdeParser.parse(qde).Project.name).toBe("Calls");
});
