/**
 * A .qdpx built to hurt the server (a zip bomb, a header that lies, 60,000 entries, names that
 * climb out of the archive, XML that expands or nests without end) is refused quickly with a
 * 4xx that says why, nothing is created, and everyone else is served meanwhile.
 */
import { zipSync, strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { craftZip, storedEntry, zerosEntry, type CraftedEntry } from "../setup/crafted-zip";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let owner: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  owner = (await signedUpClient(server.url, "Importer")).client;
}, 120_000);
afterAll(() => server?.close());

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bomb"><Sources><TextSource guid="1d8fd2a5-0b3e-4a40-9f5d-2b0d8f1f3d10" name="Big" plainTextPath="internal://big.txt"/></Sources></Project>`;

async function importFile(bytes: Uint8Array) {
  const res = await fetch(`${server.url}/api/v1/projects/import?name=Hostile`, {
    method: "POST",
    headers: { "content-type": "application/zip", cookie: owner.cookie! },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const projectCount = async () => (await owner.get("/api/v1/projects")).body.projects.length as number;

/** Imports `bytes` while timing a GET /api/v1/me sent just after: the import must not hold it up. */
async function importWhileOthersWait(bytes: Uint8Array) {
  const before = await projectCount();
  const started = performance.now();
  const pending = importFile(bytes);
  const meStarted = performance.now();
  const me = await owner.get("/api/v1/me");
  const meMs = performance.now() - meStarted;
  const res = await pending;
  return { ...res, ms: performance.now() - started, meMs, meStatus: me.status, created: (await projectCount()) - before };
}

const qdpx = (...entries: CraftedEntry[]) => craftZip([storedEntry("project.qde", QDE), ...entries]);

describe("zip bombs in a .qdpx", () => {
  it("refuses 1000 MiB of zeros in a 1 MB file at once, while other requests are answered", async () => {
    const bomb = qdpx(zerosEntry("sources/big.txt", 1000));
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    const res = await importWhileOthersWait(bomb);
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error.code).toBe("archive_too_large");
    expect(res.body.error.message).toMatch(/“sources\/big\.txt”, which unpacks to more than 128 MB/);
    expect(res.ms).toBeLessThan(5_000);
    expect(res.meStatus).toBe(200);
    expect(res.meMs).toBeLessThan(1_000);
    expect(res.created).toBe(0);
  });

  it("stops inflating an entry whose header understates its size", async () => {
    const res = await importWhileOthersWait(qdpx(zerosEntry("sources/big.txt", 1000, 1000)));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toEqual({ code: "invalid_qdpx", message: "This .qdpx file could not be unpacked: the zip archive is damaged. Nothing was imported." });
    expect(res.ms).toBeLessThan(5_000);
    expect(res.meMs).toBeLessThan(1_000);
    expect(res.created).toBe(0);
  });

  it("refuses an entry that packs more than 100-fold, though under the size limits", async () => {
    const res = await importWhileOthersWait(qdpx(zerosEntry("sources/big.txt", 64)));
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error.message).toMatch(/“sources\/big\.txt”, which unpacks to more than 100 times its packed size/);
    expect(res.created).toBe(0);
  });

  it("refuses an archive of 60,000 tiny entries before unpacking any", async () => {
    const entries = Array.from({ length: 60_000 }, (_, i) => storedEntry(`sources/${i}.txt`, "x"));
    const res = await importWhileOthersWait(qdpx(...entries));
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error.message).toBe("This .qdpx file holds 60,001 files; at most 10,000 are accepted. Nothing was imported.");
    expect(res.ms).toBeLessThan(5_000);
    expect(res.created).toBe(0);
  });

  it.each(["../../etc/passwd", "/etc/passwd", "sources/../../x.txt", "C:/Windows/x.txt"])("refuses an entry named %s", async (name) => {
    const res = await importWhileOthersWait(qdpx(storedEntry(name, "hello")));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.message).toBe(`This .qdpx file holds a file named “${name}”, which points outside the archive; it was refused. Nothing was imported.`);
    expect(res.created).toBe(0);
  });
});

describe("hostile XML in project.qde", () => {
  const withQde = (xml: string) => zipSync({ "project.qde": strToU8(xml) });

  it("refuses a DOCTYPE (entities are how billion laughs work) with a 422", async () => {
    const laughs = [`<!ENTITY lol "lol">`, ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`)].join("");
    const xml = `<?xml version="1.0"?><!DOCTYPE Project [${laughs}]><Project xmlns="urn:QDA-XML:project:1.0"><Description>&lol9;</Description></Project>`;
    const res = await importWhileOthersWait(withQde(xml));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe("invalid_qde");
    expect(res.body.error.message).toBe("project.qde declares a DOCTYPE; a REFI-QDA project has none, and Thicket does not read one (its entities can expand without end). Nothing was imported.");
    expect(res.created).toBe(0);
  });

  it("refuses a huge external-style entity and a DOCTYPE hidden after a comment", async () => {
    const xml = `<?xml version="1.0"?><!-- hi --><!DOCTYPE p [<!ENTITY big "${"x".repeat(1_000_000)}">]><Project>&big;&big;&big;</Project>`;
    const res = await importWhileOthersWait(withQde(xml));
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/declares a DOCTYPE/);
  });

  it("refuses codes nested without end with a 422, not a 500", async () => {
    const depth = 5_000;
    const xml = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0"><CodeBook><Codes>${'<Code guid="g" name="n">'.repeat(depth)}${"</Code>".repeat(depth)}</Codes></CodeBook></Project>`;
    const res = await importWhileOthersWait(withQde(xml));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.message).toMatch(/^project\.qde nests its elements more than \d+ deep/);
    expect(res.created).toBe(0);
  });
});

