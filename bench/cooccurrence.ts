/**
 * `npm run bench -- cooccurrence`: GET /api/v1/projects/:id/cooccurrence over 200,000 codings on
 * Postgres, in overlap mode and in proximity mode (within 200 characters), against the same
 * pair-counting SQL run with bare `pg` in the same run.
 */
import os from "node:os";
import { envNumber, type Bench } from "./lib/bench";
import { seedCodedProject, randomCodings } from "./lib/coded-project";
import { withBenchProject } from "./lib/bench-project";
import { fixed, markdownTable } from "./lib/table";
import { getJson, timeRuns, type Timing } from "./lib/timing";

const DOCUMENTS = 10_000;
const CODINGS = 200_000;
const CODES = 50;
const TEXT_CHARS = 3_000;
const WITHIN = 200;

/**
 * The route's query written out (cooccurrence.server.ts): each unordered pair of codings of two
 * codes in one document, counted per pair of codes, over the project's documents in analysis.
 */
function pairSql(mode: "overlap" | "proximity") {
  const near = mode === "overlap" ? "< 0" : "<= $2";
  return `select c1.code_id as "x", c2.code_id as "y", count(*)::int as "pairs", count(distinct c1.document_id)::int as "documents"
    from codings c1
    join codings c2 on c2.document_id = c1.document_id and not c2.orphaned
    join documents d on d.id = c1.document_id
    where not c1.orphaned and d.project_id = $1
      and not exists (select 1 from submissions s where s.document_id = d.id and s.status = 'rejected')
      and c1.code_id < c2.code_id and greatest(c1.start, c2.start) - least(c1."end", c2."end") ${near}
    group by c1.code_id, c2.code_id`;
}

const ms = (v: number) => fixed(v, 1);

export const cooccurrenceBench: Bench = {
  name: "cooccurrence",
  description: `GET /api/v1/projects/:id/cooccurrence, overlap and proximity (within ${WITHIN}), ${CODINGS.toLocaleString("en")} codings (Postgres)`,
  run({ serverRoot }) {
    return withBenchProject(serverRoot, { name: "Co-occurrence bench" }, async ({ client, base, cookie, projectId, ownerId: owner }) => {
      const seeded = await seedCodedProject(client, {
        projectId,
        ownerId: owner,
        codes: CODES,
        documents: DOCUMENTS,
        textChars: TEXT_CHARS,
        codingsOf: randomCodings({ perDocument: CODINGS / DOCUMENTS, codes: CODES, minLength: 20, maxLength: 150, authorId: owner }),
        batch: 500,
      });
      console.error(`cooccurrence: seeded ${seeded.codings} codings in ${fixed(seeded.seedSec, 1)} s`);

      const runs = envNumber("BENCH_COOCCURRENCE_RUNS", 10);
      const loadBefore = os.loadavg().map((v) => fixed(v, 2));
      const modes = [
        { mode: "overlap" as const, query: "mode=overlap", params: [projectId] },
        { mode: "proximity" as const, query: `mode=proximity&within=${WITHIN}`, params: [projectId, WITHIN] },
      ];
      const results: Record<string, { api: Timing; sql: Timing; cells: number; pairs: number; bytes: number }> = {};
      for (const { mode, query, params } of modes) {
        const sql = await timeRuns(runs, 2, () => client.query<{ pairs: number }>(pairSql(mode), params));
        type Answer = { cells: { pairs: number }[] };
        const api = await timeRuns(runs, 2, () => getJson<Answer>(base, cookie, `/api/v1/projects/${projectId}/cooccurrence?${query}`));
        const pairs = api.last.json.cells.reduce((s, c) => s + c.pairs, 0);
        const sqlPairs = sql.last.rows.reduce((s, r) => s + r.pairs, 0);
        if (pairs !== sqlPairs || api.last.json.cells.length !== sql.last.rows.length) {
          throw new Error(`${mode}: the API counted ${pairs} pairs in ${api.last.json.cells.length} cells, the SQL ${sqlPairs} in ${sql.last.rows.length}`);
        }
        results[mode] = { api: api.timing, sql: sql.timing, cells: api.last.json.cells.length, pairs, bytes: api.last.bytes };
        console.error(`cooccurrence: ${mode} median ${ms(api.timing.medianMs)} ms (SQL ${ms(sql.timing.medianMs)} ms)`);
      }
      const loadAfter = os.loadavg().map((v) => fixed(v, 2));
      const rows = modes.flatMap(({ mode }) => {
        const r = results[mode]!;
        const label = mode === "overlap" ? "overlap" : `proximity, within ${WITHIN}`;
        return [
          [`GET cooccurrence, ${label}`, ms(r.api.medianMs), ms(r.api.p95Ms), r.cells, r.pairs.toLocaleString("en"), `${fixed(r.api.medianMs / r.sql.medianMs, 2)}×`],
          [`bare SQL, ${label}`, ms(r.sql.medianMs), ms(r.sql.p95Ms), "", "", "1×"],
        ];
      });
      const markdown = [
        `### cooccurrence: ${DOCUMENTS.toLocaleString("en")} documents, ${CODINGS.toLocaleString("en")} codings, ${CODES} codes; ${runs} runs after 2 warm-ups (Postgres)`,
        "",
        markdownTable(["request", "median (ms)", "p95 (ms)", "cells", "pairs", "median / bare SQL"], rows),
        "",
        `Load average before / after the timed runs: ${loadBefore.join(", ")} / ${loadAfter.join(", ")} (${os.cpus().length} CPUs). Seeding took ${fixed(seeded.seedSec, 1)} s.`,
      ].join("\n");
      const json = {
        database: "PostgreSQL (fresh database, dropped afterwards)",
        fixture: { documents: DOCUMENTS, codings: CODINGS, codes: CODES, textChars: TEXT_CHARS, within: WITHIN, seedSec: seeded.seedSec },
        results,
        loadAverage: { before: loadBefore, after: loadAfter },
      };
      return { markdown, json };
    });
  },
};
