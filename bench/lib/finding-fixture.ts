/**
 * The finding-page bench's project, built through the public API as a team would: a customers
 * dataset imported from CSV, segments, a codebook of 4
 * themes × 4 sub-codes plus 4 loose codes, documents tied to the customers by case key and coded
 * through the live Y.Doc, and one finding citing every segment, a few codes and many excerpts.
 * Deterministic, so two runs build the same project.
 */
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Filter } from "../../app/lib/datasets/types";
import { writeDatasetCsv } from "./dataset-csv";
import { makeTranscript, seeded } from "./transcript";

export interface FindingFixtureSize {
  rows: number;
  documents: number;
  codingsPerDocument: number;
  /** Name and filter of each segment, over the columns of dataset-csv.ts. */
  segments: [string, Filter][];
  evidenceCodes: number;
  excerpts: number;
}

export interface FindingFixture {
  projectId: string;
  findingId: string;
  title: string;
  codeIds: string[];
  segmentIds: string[];
  codings: number;
  seedSec: number;
}

export async function api<T>(baseUrl: string, cookie: string, method: string, route: string, body?: unknown, status = 200): Promise<T> {
  const res = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { cookie, "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${route}: expected ${status}, got ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Runs `fn` over the items, `width` at a time (the server codes one document per request). */
async function inParallel<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function importCustomers(baseUrl: string, cookie: string, projectId: string, rows: number): Promise<string> {
  const file = path.join(os.tmpdir(), `thicket-finding-bench-${process.pid}.csv`);
  try {
    await writeDatasetCsv(file, rows);
    const res = await fetch(`${baseUrl}/api/v1/projects/${projectId}/datasets?name=Customers&key=customer_id`, {
      method: "POST",
      headers: { "content-type": "text/csv", cookie },
      body: await readFile(file),
    });
    const answer = (await res.json()) as { id: string; rowCount: number };
    if (res.status !== 201 || answer.rowCount !== rows) throw new Error(`dataset import: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    return answer.id;
  } finally {
    await rm(file, { force: true });
  }
}

async function codebook(baseUrl: string, cookie: string, projectId: string): Promise<string[]> {
  const ids: string[] = [];
  const create = async (name: string, parentId?: string) => {
    const code = await api<{ id: string }>(baseUrl, cookie, "POST", `/api/v1/projects/${projectId}/codes`, { name, parentId }, 201);
    ids.push(code.id);
    return code.id;
  };
  for (const theme of ["Billing", "Waiting", "Staff", "Product"]) {
    const parent = await create(theme);
    for (let i = 1; i <= 4; i++) await create(`${theme} ${i}`, parent);
  }
  for (const loose of ["Switching", "Loyalty", "Fees", "Vulnerability"]) await create(loose);
  return ids;
}

export async function buildFindingFixture(baseUrl: string, cookie: string, size: FindingFixtureSize): Promise<FindingFixture> {
  const started = performance.now();
  const projectId = (await api<{ id: string }>(baseUrl, cookie, "POST", "/api/v1/projects", { name: "Council churn review" }, 201)).id;
  const datasetId = await importCustomers(baseUrl, cookie, projectId, size.rows);
  const segmentIds: string[] = [];
  for (const [name, filter] of size.segments) {
    segmentIds.push((await api<{ id: string }>(baseUrl, cookie, "POST", `/api/v1/projects/${projectId}/segments`, { datasetId, name, filter }, 201)).id);
  }
  const codeIds = await codebook(baseUrl, cookie, projectId);

  // Each document is a customer's call note (case keys spread over the dataset), coded at
  // non-overlapping sentence-sized passages; codes skewed to the first ones, as codebooks are.
  const rand = seeded(11);
  const codingIds: string[][] = Array.from({ length: size.documents }, () => []);
  const docs = Array.from({ length: size.documents }, (_, i) => i);
  await inParallel(docs, 8, async (i) => {
    const text = makeTranscript(3_000, 100 + i);
    const caseKey = `C${String(1 + ((i * 19) % size.rows)).padStart(8, "0")}`;
    const doc = await api<{ id: string }>(baseUrl, cookie, "POST", `/api/v1/projects/${projectId}/documents`, { title: `Call note ${i + 1}`, kind: "field_note", text, caseKey }, 201);
    const span = Math.floor(text.length / size.codingsPerDocument);
    for (let k = 0; k < size.codingsPerDocument; k++) {
      const codeId = codeIds[Math.floor(codeIds.length * rand() ** 2)]!;
      const start = k * span;
      const coding = await api<{ id: string }>(baseUrl, cookie, "POST", `/api/v1/documents/${doc.id}/codings`, { codeId, start, end: start + Math.min(span - 1, 40 + Math.floor(rand() * 80)) }, 201);
      codingIds[i]!.push(coding.id);
    }
  });

  const title = "Repeated billing errors drive churn among heavy callers";
  const claim = makeTranscript(1_500, 7).replace(/\[[\d:]+\] \w+: /g, "");
  const findingId = (await api<{ id: string }>(baseUrl, cookie, "POST", `/api/v1/projects/${projectId}/findings`, { title, claim }, 201)).id;
  const add = (body: object) => api(baseUrl, cookie, "POST", `/api/v1/findings/${findingId}/evidence`, body, 201);
  for (const segmentId of segmentIds) await add({ kind: "segment", segmentId, note: "Where the pattern shows" });
  for (const codeId of codeIds.slice(0, size.evidenceCodes)) await add({ kind: "code", codeId });
  // One excerpt from each of 50 documents spread over the project.
  for (let e = 0; e < size.excerpts; e++) {
    const doc = codingIds[Math.floor((e * size.documents) / size.excerpts)]!;
    await add({ kind: "excerpt", codingId: doc[e % doc.length]!, note: e % 5 === 0 ? "Typical of the heavy callers" : undefined });
  }
  return { projectId, findingId, title, codeIds, segmentIds, codings: size.documents * size.codingsPerDocument, seedSec: (performance.now() - started) / 1000 };
}
