/**
 * A coded project in bulk, for the analysis benches (agreement, co-occurrence, exchange): codes,
 * documents with their stored Y.Doc state (text and codings map, as the server would have
 * written it) and the codings projection, inserted straight into Postgres in batches of
 * parameterised `unnest` inserts. Going through the API would take hours at these sizes; the
 * rows are exactly what the API writes, so every read route sees a normal project.
 */
import * as Y from "yjs";
import type pg from "pg";
import { addCoding, textOf } from "../../app/lib/collab/doc-model";
import { makeTranscript, seeded } from "./transcript";

export interface SeedCoding {
  /** Index into the project's codes. */
  code: number;
  start: number;
  end: number;
  authorId: string;
}

export interface CodedProjectSpec {
  projectId: string;
  ownerId: string;
  codes: number;
  documents: number;
  textChars: number;
  /** The codings of document `index` over `text` (deterministic: use `rand`). */
  codingsOf(index: number, text: string, rand: () => number): SeedCoding[];
  /** Documents per insert batch (the texts and states of one batch are held in memory). */
  batch?: number;
}

export interface CodedProject {
  codeIds: string[];
  documentIds: string[];
  codings: number;
  seedSec: number;
}

const codeId = (projectId: string, i: number) => `${projectId}_code_${i}`;

/** Themes of 9 sub-codes each, like the matrix bench's codebook, so hierarchy order has work to do. */
async function insertCodes(client: pg.Client, spec: CodedProjectSpec): Promise<string[]> {
  const ids = Array.from({ length: spec.codes }, (_, i) => codeId(spec.projectId, i));
  await client.query(
    `insert into codes (id, project_id, name, parent_id, color, description, created_by)
     select id, $2, name, parent, '#5b8def', 'Generated for the bench', $3
     from unnest($1::text[], $4::text[], $5::text[]) as t(id, name, parent)`,
    [
      ids,
      spec.projectId,
      spec.ownerId,
      ids.map((_, i) => (i % 10 === 0 ? `Theme ${i / 10}` : `Code ${i}`)),
      ids.map((_, i) => (i % 10 === 0 ? null : codeId(spec.projectId, i - (i % 10)))),
    ],
  );
  return ids;
}

export async function seedCodedProject(client: pg.Client, spec: CodedProjectSpec): Promise<CodedProject> {
  const started = performance.now();
  const codeIds = await insertCodes(client, spec);
  const documentIds: string[] = [];
  const batch = spec.batch ?? 250;
  const rand = seeded(20261202);
  let codings = 0;
  const createdAt = new Date("2026-11-01T09:00:00Z");
  for (let from = 0; from < spec.documents; from += batch) {
    const docs = { id: [] as string[], title: [] as string[], text: [] as string[], state: [] as Buffer[] };
    const rows = { id: [] as string[], doc: [] as string[], code: [] as string[], start: [] as number[], end: [] as number[], quote: [] as string[], author: [] as string[] };
    for (let i = from; i < Math.min(spec.documents, from + batch); i++) {
      const id = `${spec.projectId}_doc_${i}`;
      const text = makeTranscript(spec.textChars, 1000 + i);
      const ydoc = new Y.Doc();
      textOf(ydoc).insert(0, text);
      spec.codingsOf(i, text, rand).forEach((c, k) => {
        const codingId = `${id}_c${k}`;
        addCoding(ydoc, codingId, { codeId: codeIds[c.code]!, start: c.start, end: c.end, authorId: c.authorId, createdAt });
        rows.id.push(codingId);
        rows.doc.push(id);
        rows.code.push(codeIds[c.code]!);
        rows.start.push(c.start);
        rows.end.push(c.end);
        rows.quote.push(text.slice(c.start, c.end));
        rows.author.push(c.authorId);
      });
      docs.id.push(id);
      docs.title.push(`Interview ${i + 1}`);
      docs.text.push(text);
      docs.state.push(Buffer.from(Y.encodeStateAsUpdate(ydoc)));
      ydoc.destroy();
      documentIds.push(id);
    }
    await client.query("begin");
    await client.query(
      `insert into documents (id, project_id, title, kind, text, created_by)
       select id, $4, title, 'interview', text, $5 from unnest($1::text[], $2::text[], $3::text[]) as t(id, title, text)`,
      [docs.id, docs.title, docs.text, spec.projectId, spec.ownerId],
    );
    await client.query(
      `insert into doc_snapshots (doc_name, state, up_to) select name, state, 0 from unnest($1::text[], $2::bytea[]) as t(name, state)`,
      [docs.id, docs.state],
    );
    await client.query(
      `insert into codings (id, document_id, code_id, start, "end", quote, author_id, created_at)
       select id, doc, code, s, e, quote, author, $8
       from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) as t(id, doc, code, s, e, quote, author)`,
      [rows.id, rows.doc, rows.code, rows.start, rows.end, rows.quote, rows.author, createdAt],
    );
    await client.query("commit");
    codings += rows.id.length;
  }
  await client.query("analyze");
  return { codeIds, documentIds, codings, seedSec: (performance.now() - started) / 1000 };
}

/** Adds existing users to the project with a role, as the members API would. */
export async function addMembers(client: pg.Client, projectId: string, userIds: string[], role: string): Promise<void> {
  await client.query(
    `insert into project_members (project_id, user_id, role) select $2, u, $3::project_role from unnest($1::text[]) as t(u)`,
    [userIds, projectId, role],
  );
}

/**
 * `perDocument` codings by `authorId` at random places, `minLength` to `maxLength` characters
 * long, the codes skewed towards the first ones (as real codebooks are).
 */
export function randomCodings(opts: { perDocument: number; codes: number; minLength: number; maxLength: number; authorId: string }) {
  const { perDocument, codes, minLength, maxLength, authorId } = opts;
  return (_index: number, text: string, rand: () => number): SeedCoding[] =>
    Array.from({ length: perDocument }, () => {
      const start = Math.floor(rand() * (text.length - maxLength));
      return { code: Math.floor(codes * rand() ** 2), start, end: start + minLength + Math.floor(rand() * (maxLength - minLength)), authorId };
    });
}
