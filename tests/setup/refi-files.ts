/**
 * REFI-QDA files in tests: importing a .qdpx through the API, downloading a project's export,
 * reading its project.qde, and xmllint's verdict on it against the REFI Project schema.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { XMLParser } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import type { ApiClient } from "./api-client";

const run = promisify(execFile);
export const PROJECT_XSD = new URL("../fixtures/refi/Project.xsd", import.meta.url).pathname;

/** xmllint's verdict on `xml`: "valid", or its complaint. With no schema, for well-formedness only. */
export async function xmllint(xml: string, schema?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "refi-xml-"));
  const file = join(dir, "file.xml");
  try {
    await writeFile(file, xml);
    await run("xmllint", ["--noout", ...(schema ? ["--schema", schema] : []), file]);
    return "valid";
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const arrays = new Set(["User", "Code", "Variable", "Case", "SourceRef", "TextSource", "PlainTextSelection", "Coding", "NoteRef", "VariableValue", "Note"]);
/** Attributes as plain keys, every repeatable element as an array. */
export const qdeParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, parseTagValue: false, isArray: (name) => arrays.has(name) });

/** POST /api/v1/projects/import with the file's bytes, as the caller. */
export async function importQdpx(client: ApiClient, bytes: Uint8Array, name: string, type = "application/zip") {
  const headers: Record<string, string> = { "content-type": type };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await fetch(`${client.baseUrl}/api/v1/projects/import?name=${encodeURIComponent(name)}`, { method: "POST", headers, body: new Uint8Array(bytes) });
  return { status: res.status, body: (await res.json()) as any };
}

/** A project's .qdpx export as the caller downloads it: its bytes, files, project.qde and its parsed Project. */
export async function exportQdpx(client: ApiClient, projectId: string) {
  const res = await fetch(`${client.baseUrl}/api/v1/projects/${projectId}/export.qdpx`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const files = unzipSync(bytes);
  const qde = strFromU8(files["project.qde"]!);
  return { res, bytes, files, qde, project: qdeParser.parse(qde).Project };
}
