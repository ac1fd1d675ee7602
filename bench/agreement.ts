/**
 * `npm run bench -- agreement`: GET /api/v1/projects/:id/agreement over 500 documents, 3 coders
 * and 20,000 codings on Postgres, per unit (paragraph, sentence, character), against the bare
 * SQL that reads the same documents and codings with `pg`, in the same run.
 */
import os from "node:os";
import type pg from "pg";
import { envNumber, type Bench } from "./lib/bench";
import { addMembers, seedCodedProject, type SeedCoding } from "./lib/coded-project";
import { withBenchProject } from "./lib/bench-project";
import { fixed, markdownTable } from "./lib/table";
import { signupUser } from "./lib/thicket-api";
import { getJson, timeRuns, type Timing } from "./lib/timing";

const DOCUMENTS = 500;
const CODERS = 3;
const CODINGS = 20_000;
const CODES = 20;
const TEXT_CHARS = 5_000;
const UNITS = ["paragraph", "sentence", "character"] as const;

/**
 * Each document has 14 passages a codebook would pick out; every coder codes some of them (40
 * codings per document in all), with their own boundaries (a few characters either way) and now
 * and then another code, so the coefficients have real disagreements to count.
 */
function codingsOf(coders: string[]) {
  const perDocument = CODINGS / DOCUMENTS;
  return (index: number, text: string, rand: () => number): SeedCoding[] => {
    const passages = Math.ceil(perDocument / coders.length);
    const slot = Math.floor(text.length / passages);
    const out: SeedCoding[] = [];
    for (let c = 0; c < coders.length; c++) {
      const mine = Math.floor(perDocument / coders.length) + (c < perDocument % coders.length ? 1 : 0);
      for (let p = 0; p < mine; p++) {
        const base = p * slot + 20;
        const length = 60 + ((index * 31 + p * 17) % 140);
        const jitter = () => Math.floor((rand() - 0.5) * 16);
        const start = Math.max(0, base + jitter());
        const end = Math.min(text.length, base + length + jitter());
        const code = rand() < 0.85 ? (index + p) % CODES : Math.floor(rand() * CODES);
        out.push({ code, start, end, authorId: coders[c]! });
      }
    }
    return out;
  };
}

/** What the route reads, as bare SQL: the documents' texts, then the coders' live codings in them. */
async function bareSql(client: pg.Client, projectId: string, coders: string[]) {
  const docs = await client.query<{ id: string; text: string }>(
    `select d.id, d.text from documents d where d.project_id = $1
       and not exists (select 1 from submissions s where s.document_id = d.id and s.status = 'rejected') order by d.id`,
    [projectId],
  );
  const ids = docs.rows.map((d) => d.id);
  const codings = await client.query(
    `select c.document_id as "documentId", c.author_id as "authorId", c.code_id as "codeId", c.start, c."end"
     from codings c join codes k on k.id = c.code_id and k.project_id = $1
     where c.document_id = any($2::text[]) and c.author_id = any($3::text[]) and not c.orphaned
     order by k.name, k.id`,
    [projectId, ids, coders],
  );
  return { documents: docs.rows.length, codings: codings.rows.length };
}

const ms = (v: number) => fixed(v, 1);

export const agreementBench: Bench = {
  name: "agreement",
  description: `GET /api/v1/projects/:id/agreement, ${DOCUMENTS} documents × ${CODERS} coders × ${CODINGS.toLocaleString("en")} codings, per unit (Postgres)`,
  run({ serverRoot }) {
    return withBenchProject(serverRoot, { name: "Agreement bench" }, async ({ client, base, cookie, projectId, ownerId: owner }) => {
      const coders: string[] = [];
      for (let c = 0; c < CODERS; c++) {
        const coderCookie = await signupUser(base, `coder${c}@example.com`, "correct horse battery", `Coder ${c + 1}`);
        coders.push((await getJson<{ user: { id: string } }>(base, coderCookie, "/api/v1/me")).json.user.id);
      }
      await addMembers(client, projectId, coders, "coder");
      const seeded = await seedCodedProject(client, {
        projectId,
        ownerId: owner,
        codes: CODES,
        documents: DOCUMENTS,
        textChars: TEXT_CHARS,
        codingsOf: codingsOf(coders),
      });
      console.error(`agreement: seeded ${seeded.codings} codings in ${fixed(seeded.seedSec, 1)} s`);
      if (seeded.codings !== CODINGS) throw new Error(`seeded ${seeded.codings} codings, not ${CODINGS}`);

      const runs = envNumber("BENCH_AGREEMENT_RUNS", 10);
      const loadBefore = os.loadavg().map((v) => fixed(v, 2));
      const baseline = await timeRuns(runs, 2, () => bareSql(client, projectId, coders));
      if (baseline.last.codings !== CODINGS || baseline.last.documents !== DOCUMENTS) throw new Error(`baseline read ${JSON.stringify(baseline.last)}`);
      const results: Record<string, { timing: Timing; bytes: number; overall: unknown; codes: number }> = {};
      for (const unit of UNITS) {
        const path = `/api/v1/projects/${projectId}/agreement?coders=${coders.join(",")}&unit=${unit}`;
        type Answer = { overall: unknown; perCode: unknown[] };
        const { timing, last } = await timeRuns(runs, 2, () => getJson<Answer>(base, cookie, path));
        if (last.json.perCode.length !== CODES) throw new Error(`${unit}: ${last.json.perCode.length} codes in the answer`);
        results[unit] = { timing, bytes: last.bytes, overall: last.json.overall, codes: last.json.perCode.length };
        console.error(`agreement: ${unit} median ${ms(timing.medianMs)} ms`);
      }
      const loadAfter = os.loadavg().map((v) => fixed(v, 2));
      const b = baseline.timing;
      const table = markdownTable(
        ["request", "median (ms)", "p95 (ms)", "min–max (ms)", "median / bare SQL"],
        [
          ...UNITS.map((unit) => {
            const t = results[unit]!.timing;
            return [`GET agreement, unit=${unit}`, ms(t.medianMs), ms(t.p95Ms), `${ms(t.minMs)}–${ms(t.maxMs)}`, `${fixed(t.medianMs / b.medianMs, 1)}×`];
          }),
          ["baseline: the same two reads, bare `pg`", ms(b.medianMs), ms(b.p95Ms), `${ms(b.minMs)}–${ms(b.maxMs)}`, "1×"],
        ],
      );
      const markdown = [
        `### agreement: ${DOCUMENTS} documents of ${TEXT_CHARS.toLocaleString("en")} characters, ${CODERS} coders, ${CODINGS.toLocaleString("en")} codings, ${CODES} codes; ${runs} runs after 2 warm-ups (Postgres)`,
        "",
        table,
        "",
        `Load average before / after the timed runs: ${loadBefore.join(", ")} / ${loadAfter.join(", ")} (${os.cpus().length} CPUs). Seeding took ${fixed(seeded.seedSec, 1)} s.`,
      ].join("\n");
      const json = {
        database: "PostgreSQL (fresh database, dropped afterwards)",
        fixture: { documents: DOCUMENTS, coders: CODERS, codings: CODINGS, codes: CODES, textChars: TEXT_CHARS, seedSec: seeded.seedSec },
        baseline: b,
        units: results,
        loadAverage: { before: loadBefore, after: loadAfter },
      };
      return { markdown, json };
    });
  },
};
