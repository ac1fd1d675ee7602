/**
 * `npm run bench -- estimates`: GET /api/v1/samples/:id/estimates for every code (50) × 20 saved
 * segments, from a 5,000-document sample of a 50,000-row table in 5 strata (Postgres). The
 * answer is checked against counts taken straight from the tables and against designShare.
 * Issue 16's goal: under 200 ms.
 */
import os from "node:os";
import { designShare, type DesignStratum } from "../app/lib/estimates/design-share";
import { envNumber, type Bench } from "./lib/bench";
import { withBenchProject } from "./lib/bench-project";
import { randomCodings, seedCodedProject } from "./lib/coded-project";
import { fixed, markdownTable } from "./lib/table";
import { postJson, getJson, timeRuns } from "./lib/timing";

const ROWS = 50_000;
const SAMPLE = 5_000;
const CODES = 50;
const SEGMENTS = 20;
const REGIONS = ["North", "South", "East", "West", "Centre"];
const PER_STRATUM = ROWS / REGIONS.length;
const DRAWN_PER_STRATUM = SAMPLE / REGIONS.length;

/** Row i: region by i mod 5, bucket (the segments' column) by i mod 20 shifted per thousand. */
const regionOf = (i: number) => REGIONS[i % REGIONS.length]!;
const bucketOf = (i: number) => (i + Math.floor(i / 1000)) % SEGMENTS;

function tableCsv(): string {
  const lines = ["id,region,bucket,note"];
  for (let i = 0; i < ROWS; i++) lines.push(`R${i},${regionOf(i)},${bucketOf(i)},call note ${i} about a bill`);
  return lines.join("\n");
}

interface Cell { population: number; done: number; positives: number; estimate: number | null; low: number | null; high: number | null }
interface Answer { estimates: { codeId: string; overall: Cell; groups: (Cell & { value: string })[] }[] }

const ms = (v: number) => fixed(v, 1);

export const estimatesBench: Bench = {
  name: "estimates",
  description: `GET /api/v1/samples/:id/estimates, ${CODES} codes × ${SEGMENTS} segments from a ${SAMPLE.toLocaleString("en")}-document sample (Postgres)`,
  run({ serverRoot }) {
    return withBenchProject(serverRoot, { name: "Estimates bench" }, async ({ client, base, cookie, projectId, ownerId }) => {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/projects/${projectId}/datasets?name=Calls&key=id`, {
        method: "POST",
        headers: { cookie, "content-type": "text/csv" },
        body: tableCsv(),
      });
      if (res.status !== 201) throw new Error(`dataset import: ${res.status} ${await res.text()}`);
      const dataset = (await res.json()) as { id: string };
      const segmentIds: string[] = [];
      for (let b = 0; b < SEGMENTS; b++) {
        const s = await postJson<{ id: string }>(base, cookie, `/api/v1/projects/${projectId}/segments`, {
          datasetId: dataset.id,
          name: `Bucket ${String(b).padStart(2, "0")}`,
          filter: { all: [{ column: "bucket", op: "eq", value: b }] },
        });
        segmentIds.push(s.id);
      }
      // 5,000 documents, about two codings each, the first codes the commonest.
      const seeded = await seedCodedProject(client, {
        projectId,
        ownerId,
        codes: CODES,
        documents: SAMPLE,
        textChars: 200,
        codingsOf: randomCodings({ perDocument: 2, codes: CODES, minLength: 5, maxLength: 40, authorId: ownerId }),
        batch: 1000,
      });
      // The drawn rows: the first 1,000 rows of each region (row i ↔ document i of the seeded set).
      const drawn = Array.from({ length: ROWS }, (_, i) => i).filter((i) => Math.floor(i / REGIONS.length) < DRAWN_PER_STRATUM);
      const docOf = new Map(drawn.map((row, k) => [row, seeded.documentIds[k]!]));
      const sampleId = `${projectId}_sample`;
      await client.query("begin");
      await client.query(
        `insert into samples (id, project_id, dataset_id, name, text_column, strata_column, size, seed) values ($1, $2, $3, 'Calls', 'note', 'region', $4, 1)`,
        [sampleId, projectId, dataset.id, SAMPLE],
      );
      await client.query(
        `insert into sample_strata (sample_id, position, value, population, sampled) select $1, p - 1, v, $3, $4 from unnest($2::text[]) with ordinality as t(v, p)`,
        [sampleId, REGIONS, PER_STRATUM, DRAWN_PER_STRATUM],
      );
      await client.query(
        `insert into sample_rows (sample_id, row_key, stratum, document_id) select $1, k, s, d from unnest($2::text[], $3::int[], $4::text[]) as t(k, s, d)`,
        [sampleId, drawn.map((i) => `R${i}`), drawn.map((i) => i % REGIONS.length), drawn.map((i) => docOf.get(i)!)],
      );
      await client.query(
        `update documents set kind = 'record', done = true, done_at = now(), case_key = sr.row_key from sample_rows sr where sr.document_id = documents.id and sr.sample_id = $1`,
        [sampleId],
      );
      await client.query("commit");
      await client.query("analyze");
      const seedSec = (performance.now() - started) / 1000;
      console.error(`estimates: seeded in ${fixed(seedSec, 1)} s`);

      const runs = envNumber("BENCH_ESTIMATES_RUNS", 10);
      const path = `/api/v1/samples/${sampleId}/estimates?by=${segmentIds.join(",")}`;
      const loadBefore = os.loadavg().map((v) => fixed(v, 2));
      const timed = await timeRuns(runs, 2, () => getJson<Answer>(base, cookie, path));
      const strataTimed = await timeRuns(runs, 2, () => getJson<Answer>(base, cookie, `/api/v1/samples/${sampleId}/estimates`));
      const loadAfter = os.loadavg().map((v) => fixed(v, 2));

      // Checks: positives per (code, segment) against the tables, and one cell against designShare.
      const answer = timed.last.json;
      if (answer.estimates.length !== CODES || answer.estimates.some((e) => e.groups.length !== SEGMENTS)) {
        throw new Error(`expected ${CODES} codes × ${SEGMENTS} groups`);
      }
      const { rows } = await client.query<{ code: string; bucket: number; region: string; n: number }>(
        `select c.code_id as code, (${bucketSql("sr.row_key")}) as bucket, ${regionSql("sr.row_key")} as region, count(distinct c.document_id)::int as n
         from codings c join sample_rows sr on sr.document_id = c.document_id where sr.sample_id = $1 and not c.orphaned group by 1, 2, 3`,
        [sampleId],
      );
      const expected = new Map<string, number>();
      for (const r of rows) expected.set(`${r.code}/${r.bucket}`, (expected.get(`${r.code}/${r.bucket}`) ?? 0) + r.n);
      let checked = 0;
      let numbers = 0;
      for (const e of answer.estimates) {
        e.groups.forEach((g, b) => {
          if (g.positives !== (expected.get(`${e.codeId}/${b}`) ?? 0)) throw new Error(`code ${e.codeId}, bucket ${b}: ${g.positives} positives, tables say ${expected.get(`${e.codeId}/${b}`) ?? 0}`);
          if (g.estimate !== null) {
            numbers++;
            if (!(g.low! <= g.estimate && g.estimate <= g.high!)) throw new Error("an estimate outside its interval");
          }
          checked++;
        });
      }
      const first = answer.estimates[0]!;
      const byRegion = rows.filter((r) => r.code === first.codeId && r.bucket === 0);
      const doneIn = (region: string) => drawn.filter((i) => regionOf(i) === region && bucketOf(i) === 0).length;
      const popIn = (region: string) => Array.from({ length: ROWS }, (_, i) => i).filter((i) => regionOf(i) === region && bucketOf(i) === 0).length;
      const strata: DesignStratum[] = REGIONS.map((region) => ({
        value: region,
        population: PER_STRATUM,
        groupPopulation: popIn(region),
        done: DRAWN_PER_STRATUM,
        groupDone: doneIn(region),
        groupPositives: byRegion.filter((r) => r.region === region).reduce((a, r) => a + r.n, 0),
      }));
      const reference = designShare(strata);
      const got = first.groups[0]!;
      if (!reference.ok || Math.abs(reference.estimate - got.estimate!) > 1e-9 || Math.abs(reference.low - got.low!) > 1e-9) {
        throw new Error(`cell (code 0, bucket 0): API ${JSON.stringify(got)}, designShare ${JSON.stringify(reference)}`);
      }

      const markdown = [
        `### estimates: ${CODES} codes × ${SEGMENTS} segments, ${SAMPLE.toLocaleString("en")} done documents of a ${ROWS.toLocaleString("en")}-row table in ${REGIONS.length} strata; ${runs} runs after 2 warm-ups (Postgres)`,
        "",
        markdownTable(
          ["request", "median (ms)", "p95 (ms)", "min (ms)", "cells", "bytes"],
          [
            [`GET estimates, by ${SEGMENTS} segments`, ms(timed.timing.medianMs), ms(timed.timing.p95Ms), ms(timed.timing.minMs), checked, timed.last.bytes],
            [`GET estimates, by ${REGIONS.length} strata`, ms(strataTimed.timing.medianMs), ms(strataTimed.timing.p95Ms), ms(strataTimed.timing.minMs), CODES * REGIONS.length, strataTimed.last.bytes],
          ],
        ),
        "",
        `Goal: under 200 ms. Checked: every cell's positives against the tables (${checked} cells, ${numbers} with a number), every estimate inside its interval, and one cell against designShare.`,
        `Load average before / after the timed runs: ${loadBefore.join(", ")} / ${loadAfter.join(", ")} (${os.cpus().length} CPUs). Seeding took ${fixed(seedSec, 1)} s.`,
      ].join("\n");
      return {
        markdown,
        json: {
          database: "PostgreSQL (fresh database, dropped afterwards)",
          fixture: { rows: ROWS, sample: SAMPLE, codes: CODES, segments: SEGMENTS, strata: REGIONS.length, seedSec },
          results: { segments: timed.timing, strata: strataTimed.timing, cells: checked, numbers },
          loadAverage: { before: loadBefore, after: loadAfter },
        },
      };
    });
  },
};

/** The row number of a key `R<i>` in SQL. */
const rowNumber = (key: string) => `substr(${key}, 2)::int`;
const bucketSql = (key: string) => `(${rowNumber(key)} + ${rowNumber(key)} / 1000) % ${SEGMENTS}`;
const regionSql = (key: string) => `(array[${REGIONS.map((r) => `'${r}'`).join(",")}])[${rowNumber(key)} % ${REGIONS.length} + 1]`;
