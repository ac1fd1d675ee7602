/**
 * `npm run bench -- scoring`: the model.train job's scoring path against Postgres. Loads N rows
 * of 100–300 characters into a dataset table (not timed), trains on 1,000 coded texts with
 * 5-fold CV (goal < 5 s), then scores every row exactly as the job does — keyset-paginated reads,
 * predict, staging-table writes, one transaction adding the number column — (goal ≥ 20,000
 * rows/s at 1,000,000 rows). RSS is sampled every 50 ms from start to peak. BENCH_SCORING_ROWS
 * sets N (default 200,000).
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { codes, datasets, projects } from "../db/schema";
import { trainTextClassifier } from "../app/lib/classifier";
import { applyModel } from "../app/lib/models/train-job.server";
import { envNumber, type Bench } from "./lib/bench";
import { createBenchDatabase } from "./lib/pg";
import { syntheticTexts } from "./lib/synthetic-texts";
import { fixed, markdownTable } from "./lib/table";

const ROWS = envNumber("BENCH_SCORING_ROWS", 200_000);
const TRAIN = 1_000;
const LOAD_BATCH = 20_000;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export const scoringBench: Bench = {
  name: "scoring",
  description: `score ${ROWS.toLocaleString("en")} rows of 100–300 characters from Postgres into a new column; train on ${TRAIN.toLocaleString("en")} with 5-fold CV`,
  needsBuild: false,
  async run() {
    const bench = await createBenchDatabase();
    const handle = openDatabase({ kind: "postgres", url: bench.url, poolSize: 4 });
    try {
      await handle.migrate();
      const db = handle.db;
      const source = syntheticTexts(3);
      const [project] = await db.insert(projects).values({ name: "Scoring bench" }).returning();
      const [code] = await db.insert(codes).values({ projectId: project!.id, name: "Bench", color: "#888888" }).returning();
      const tableName = "d_scoringbench";
      await db.execute(sql`create table datasets.${sql.identifier(tableName)} (id text primary key, note text)`);
      for (let from = 0; from < ROWS; from += LOAD_BATCH) {
        const batch = Array.from({ length: Math.min(LOAD_BATCH, ROWS - from) }, (_, i) => [`r${String(from + i).padStart(8, "0")}`, source.next(100, 300).text]);
        await db.execute(
          sql`insert into datasets.${sql.identifier(tableName)} select e->>0, e->>1 from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) e`,
        );
      }
      await db.execute(sql`analyze datasets.${sql.identifier(tableName)}`);
      const [dataset] = await db
        .insert(datasets)
        .values({
          projectId: project!.id,
          name: "Notes",
          keyColumn: "id",
          tableName,
          rowCount: ROWS,
          columns: [
            { name: "id", type: "text", sqlName: "id" },
            { name: "note", type: "text", sqlName: "note" },
          ],
        })
        .returning();

      const training = Array.from({ length: TRAIN }, () => source.next(100, 300));
      const trainStarted = performance.now();
      const { model, cv } = trainTextClassifier(
        training.map((t) => t.text),
        training.map((t) => t.positive),
        { folds: 5, seed: 0 },
      );
      const trainSec = (performance.now() - trainStarted) / 1000;

      const loadBefore = os.loadavg().map((v) => fixed(v, 2));
      const rssStart = process.memoryUsage().rss;
      let rssPeak = rssStart;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
      const started = performance.now();
      const { scored, column } = await applyModel({ db, checkpoint: async () => {} }, dataset!, "note", model, {
        modelId: "bench",
        codeId: code!.id,
        columnName: "p_bench",
      });
      const scoreSec = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const loadAfter = os.loadavg().map((v) => fixed(v, 2));
      const [check] = (
        (await db.execute(sql`select count(*)::int as n from datasets.${sql.identifier(tableName)} where p_bench is not null`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows;
      if (check!.n !== ROWS) throw new Error(`${check!.n} of ${ROWS} rows have a score`);
      const rowsPerSec = scored / scoreSec;
      const json = { rows: ROWS, scored, column, scoreSec, rowsPerSec, trainSec, cvF1: cv.f1, rssStartMb: mb(rssStart), rssPeakMb: mb(rssPeak), loadBefore, loadAfter };
      const markdown = markdownTable(
        ["measure", "value", "goal"],
        [
          ["rows scored and written back", ROWS.toLocaleString("en"), "1,000,000"],
          ["scoring (read, predict, stage, swap into column)", `${fixed(scoreSec, 1)} s = ${Math.round(rowsPerSec).toLocaleString("en")} rows/s`, "≥ 20,000 rows/s"],
          ["train 1,000 texts, 5-fold CV", `${fixed(trainSec, 2)} s (CV F1 ${fixed(cv.f1, 3)})`, "< 5 s"],
          ["RSS start → peak", `${mb(rssStart)} → ${mb(rssPeak)} MB`, "flat"],
          ["load average before / after", `${loadBefore.join(" ")} / ${loadAfter.join(" ")}`, ""],
        ],
      );
      return { markdown, json };
    } finally {
      await handle.close();
      await bench.drop();
    }
  },
};
