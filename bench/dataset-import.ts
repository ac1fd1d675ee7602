import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import pg from "pg";
import { envNumber, type Bench } from "./lib/bench";
import { DATASET_HEADER, DATASET_SQL_TYPES, writeDatasetCsv } from "./lib/dataset-csv";
import { createBenchDatabase } from "./lib/pg";
import { fixed, markdownTable } from "./lib/table";
import { startThicket } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";

const run = promisify(execFile);

/** Resident memory (KiB) of the biggest process in the server's process group (tsx runs node as a child). */
async function groupRssKiB(pgid: number): Promise<number> {
  const { stdout } = await run("ps", ["-o", "rss=", "-g", String(pgid)]);
  return Math.max(0, ...stdout.split("\n").map(Number).filter(Number.isFinite));
}

/** Samples RSS every 50 ms until stopped; returns the peak. */
function sampleRss(pgid: number) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await groupRssKiB(pgid).catch(() => 0));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

async function psqlCopy(dbUrl: string, file: string): Promise<{ copyMs: number; indexMs: number }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const cols = DATASET_HEADER.map((h, i) => `"${h}" ${DATASET_SQL_TYPES[i]}`).join(", ");
    await client.query(`CREATE TABLE datasets.psql_copy (${cols})`);
    const url = new URL(dbUrl);
    const t0 = performance.now();
    await run("psql", [
      "-h", url.hostname, "-p", url.port || "5432", "-U", url.username || "postgres", "-d", url.pathname.slice(1),
      "-v", "ON_ERROR_STOP=1", "-c", `\\copy datasets.psql_copy from '${file}' csv header`,
    ]);
    const t1 = performance.now();
    await client.query(`CREATE UNIQUE INDEX psql_copy_key ON datasets.psql_copy ("customer_id")`);
    return { copyMs: t1 - t0, indexMs: performance.now() - t1 };
  } finally {
    await client.end();
  }
}

export const datasetImportBench: Bench = {
  name: "dataset-import",
  description: "POST a 1,000,000 × 20 CSV to the datasets API on Postgres vs psql \\copy of the same file",
  async run({ serverRoot }) {
    const rows = envNumber("BENCH_ROWS", 1_000_000);
    const file = path.join(os.tmpdir(), `thicket-bench-dataset-${rows}.csv`);
    const db = await createBenchDatabase();
    const server = await startThicket(serverRoot, { DATABASE_URL: db.url });
    try {
      const genStart = performance.now();
      const bytes = await writeDatasetCsv(file, rows);
      console.error(`dataset-import: ${rows} rows, ${fixed(bytes / 1048576, 1)} MiB written in ${fixed((performance.now() - genStart) / 1000, 1)} s`);
      const cookie = await signupUser(server.baseUrl, "bench@example.com", "correct horse battery", "Bench User");
      const project = await fetch(`${server.baseUrl}/api/v1/projects`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ name: "Bench" }),
      }).then((r) => r.json() as Promise<{ id: string }>);

      const pgid = server.service.child.pid!;
      const rssStartKiB = await groupRssKiB(pgid);
      const stopSampling = sampleRss(pgid);
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/api/v1/projects/${project.id}/datasets?name=Customers&key=customer_id`, {
        method: "POST",
        headers: { "content-type": "text/csv", "content-length": String(bytes), cookie },
        body: Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 16 })) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      const answer = (await res.json()) as { rowCount?: number; columns?: { type: string }[] };
      const apiMs = performance.now() - t0;
      const rssPeakKiB = await stopSampling();
      if (res.status !== 201 || answer.rowCount !== rows) {
        throw new Error(`import answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
      }
      const types = answer.columns!.map((c) => c.type);
      console.error(`dataset-import: API ${fixed(apiMs / 1000, 2)} s; types ${types.join(",")}`);

      const psql = await psqlCopy(db.url, file);
      const psqlMs = psql.copyMs + psql.indexMs;
      const ratio = apiMs / psqlMs;
      const markdown = [
        `### dataset-import: ${rows.toLocaleString("en")} rows × 20 columns (${fixed(bytes / 1048576, 1)} MiB), Postgres`,
        "",
        markdownTable(
          ["Path", "Wall s", "Rows/s", "Server RSS start MiB", "Server RSS peak MiB"],
          [
            ["Thicket API (POST text/csv → COPY)", fixed(apiMs / 1000, 2), fixed(rows / (apiMs / 1000), 0), fixed(rssStartKiB / 1024, 0), fixed(rssPeakKiB / 1024, 0)],
            [`psql \\copy + unique index (${fixed(psql.copyMs / 1000, 2)} + ${fixed(psql.indexMs / 1000, 2)} s)`, fixed(psqlMs / 1000, 2), fixed(rows / (psqlMs / 1000), 0), "", ""],
            ["Thicket / psql", `${fixed(ratio, 2)}×`, "", "", ""],
          ],
        ),
      ].join("\n");
      return {
        markdown,
        json: { rows, columns: 20, bytes, api: { ms: apiMs, rowsPerSec: rows / (apiMs / 1000), rssStartKiB, rssPeakKiB }, psql: { ...psql, ms: psqlMs }, ratio },
      };
    } finally {
      await server.service.stop();
      await db.drop();
      await rm(file, { force: true });
    }
  },
};
