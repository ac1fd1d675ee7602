import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { nvivoLikeQdpx } from "../setup/nvivo-like";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let owner: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  owner = (await signedUpClient(server.url, "Importer")).client;
});
afterAll(() => server?.close());

async function importFile(bytes: Uint8Array, name: string) {
  const res = await fetch(`${server.url}/api/v1/projects/import?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "content-type": "application/zip", cookie: owner.cookie! },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Every coding of the project as [document title, code name, quote]. */
async function codingsOf(projectId: string) {
  const codes = (await owner.get(`/api/v1/projects/${projectId}/codes`)).body.codes as { id: string; name: string }[];
  const docs = (await owner.get(`/api/v1/projects/${projectId}/documents`)).body.documents as { id: string; title: string }[];
  const out: [string, string, string][] = [];
  for (const d of docs) {
    const doc = (await owner.get(`/api/v1/documents/${d.id}`)).body;
    for (const c of doc.codings) out.push([d.title, codes.find((k) => k.id === c.codeId)!.name, c.quote]);
  }
  return out.sort();
}

describe("REFI-QDA import of an NVivo export: empty selection names, emoji, a byte-order mark, CR LF", () => {
  it("puts every coding on the words it was made on, counting positions as NVivo does (UTF-16)", async () => {
    const { bytes, expected } = nvivoLikeQdpx();
    const res = await importFile(bytes, "NVivo study");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report.codings).toBe(expected.length);
    const got = await codingsOf(res.body.id);
    expect(got).toEqual(expected.map((e) => [e.source, e.code, e.quote]).sort());
    // The evidence was clear, so there is nothing to check.
    expect(res.body.report.warnings).toEqual([]);
  });

  it("reads the same positions right even when the file does not name NVivo as its origin", async () => {
    const { bytes, expected } = nvivoLikeQdpx({ origin: "" });
    const res = await importFile(bytes, "No origin");
    expect(res.status).toBe(201);
    expect(await codingsOf(res.body.id)).toEqual(expected.map((e) => [e.source, e.code, e.quote]).sort());
  });

  it("says so in the report when the text cannot tell how positions are counted", async () => {
    // Only punctuation is coded after the emoji: every reading starts and ends on a boundary.
    const text = "Stars ⭐🌟 -- !! -- ?? end\r\n";
    const sel = (part: string, i: number) => {
      const at = text.indexOf(part, i);
      return `<PlainTextSelection guid="s${i}" name="" startPosition="${at}" endPosition="${at + part.length}"><Coding guid="c${i}"><CodeRef targetGUID="k"/></Coding></PlainTextSelection>`;
    };
    const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Some tool"><CodeBook><Codes><Code guid="k" name="Marks" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="t" name="Marks" plainTextPath="internal://t.txt">${sel("!!", 0)}${sel("??", 1)}${sel("--", 15)}</TextSource></Sources></Project>`;
    const res = await importFile(zipSync({ "project.qde": strToU8(qde), "Sources/t.txt": strToU8(text) }), "Weak");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.report.warnings).toEqual([
      { what: "Where the codings of 1 source are", why: expect.stringMatching(/does not show clearly how it counts characters.*check a few codings/) },
    ]);
  });
});
