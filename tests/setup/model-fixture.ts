/**
 * A project with a dataset whose `note` column holds free text, a sample of its first rows drawn
 * by hand (the sample API lives on another branch: samples, sample_strata and sample_rows are
 * written directly), each sampled row a `record` document made through the API, coded through
 * the API where the row is about refunds, and marked done in SQL.
 */
import { eq, inArray } from "drizzle-orm";
import { documents, sampleRows, samples, sampleStrata } from "../../db/schema";
import { created, signedUpClient, type ApiClient } from "./api-client";
import { importCsv, type ImportedDataset } from "./datasets";
import type { TestServer } from "./test-server";

const POSITIVE = ["I want a refund", "please give my money back", "refund the charge", "I was promised a refund", "return my payment"];
const NEGATIVE = ["the parcel arrived late", "delivery driver was rude", "the box was damaged", "tracking never updated", "courier left it outside"];
const FILLER = ["yesterday", "again", "on the phone", "last week", "by email", "twice", "this morning", "from the shop", "after waiting", "with my order"];

/** Row i (0-based) is about refunds when i is even. Texts are 100–300 characters. */
export function noteText(i: number): string {
  const core = (i % 2 === 0 ? POSITIVE : NEGATIVE)[(i >> 1) % 5]!;
  let text = `Customer ${i}: ${core}`;
  for (let j = 0; text.length < 100 + (i % 7) * 25; j++) text += ` ${FILLER[(i * 3 + j) % FILLER.length]}`;
  return text + ".";
}

export function notesCsv(rows: number): string {
  const lines = ["id,region,note"];
  for (let i = 0; i < rows; i++) lines.push(`r${String(i).padStart(5, "0")},${i % 3 === 0 ? "north" : "south"},"${noteText(i)}"`);
  return lines.join("\n") + "\n";
}

export interface ModelFixture {
  owner: { client: ApiClient; user: { id: string; email: string } };
  projectId: string;
  dataset: ImportedDataset;
  codeId: string;
  codeName: string;
  sampleId: string;
  documentIds: string[];
}

export interface ModelFixtureOptions {
  /** Rows in the dataset (default 120). */
  rows?: number;
  /** Rows sampled, from the first (default 30: 15 about refunds, 15 not). */
  sampled?: number;
  /** Of those, how many are marked done (default all). */
  done?: number;
  owner?: { client: ApiClient; user: { id: string; email: string } };
  projectId?: string;
}

export async function modelFixture(server: TestServer, opts: ModelFixtureOptions = {}): Promise<ModelFixture> {
  const rows = opts.rows ?? 120;
  const sampled = opts.sampled ?? 30;
  const done = opts.done ?? sampled;
  const owner = opts.owner ?? (await signedUpClient(server.url, "Owner"));
  const projectId = opts.projectId ?? (await created(owner.client, "/api/v1/projects", { name: "Sandwich" })).id;
  const db = server.database.handle.db;
  const dataset = await importCsv(owner.client, projectId, `Calls ${Date.now()}-${Math.random()}`, "id", notesCsv(rows));
  const codeName = `Refund ${Math.floor(Math.random() * 1e6)}`;
  const code = await created(owner.client, `/api/v1/projects/${projectId}/codes`, { name: codeName });
  const [sample] = await db
    .insert(samples)
    .values({ projectId, datasetId: dataset.id, name: `Sample ${dataset.name}`, textColumn: "note", size: sampled, seed: 7, createdBy: owner.user.id })
    .returning();
  await db.insert(sampleStrata).values({ sampleId: sample!.id, position: 0, value: null, population: rows, sampled });
  const documentIds: string[] = [];
  for (let i = 0; i < sampled; i++) {
    const key = `r${String(i).padStart(5, "0")}`;
    const text = noteText(i);
    const doc = await created(owner.client, `/api/v1/projects/${projectId}/documents`, { title: key, kind: "record", caseKey: key, text });
    documentIds.push(doc.id);
    await db.insert(sampleRows).values({ sampleId: sample!.id, rowKey: key, stratum: 0, documentId: doc.id });
    if (i % 2 === 0) {
      const start = text.indexOf(":") + 2;
      await created(owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start, end: start + 10 });
    }
  }
  if (done > 0) await db.update(documents).set({ done: true, doneAt: new Date() }).where(inArray(documents.id, documentIds.slice(0, done)));
  return { owner, projectId, dataset, codeId: code.id, codeName, sampleId: sample!.id, documentIds };
}

/** Marks more of the fixture's documents done. */
export async function markDone(server: TestServer, documentId: string) {
  await server.database.handle.db.update(documents).set({ done: true, doneAt: new Date() }).where(eq(documents.id, documentId));
}

/** Polls GET /api/v1/jobs/:id until the job has finished (or `timeoutMs` passes). */
export async function waitForJob(client: ApiClient, jobId: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/jobs/${jobId}`);
    if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
    if (["done", "failed", "cancelled"].includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
