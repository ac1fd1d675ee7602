/**
 * `npm run bench -- matrix`: the code × segment matrix over a 1,000,000-row dataset, 20 segments,
 * 100 codes, 10,000 documents and 200,000 codings, timed through the real HTTP API on Postgres,
 * with EXPLAIN (ANALYZE, BUFFERS) of the query it runs. The rows are generated in SQL (the CSV
 * import has its own bench); segments are created through the API so their numbers are real.
 */
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { openDatabase } from "../db/client";
import { projectSegments } from "../app/lib/datasets/case-segments.server";
import { matrixCellsQuery, matrixQuerySettings } from "../app/lib/datasets/matrix.server";
import type { Filter, FilterCondition, FilterOp } from "../app/lib/datasets/types";
import { envNumber, type Bench } from "./lib/bench";
import { createBenchDatabase } from "./lib/pg";
import { median, percentileOfSorted } from "./lib/stats";
import { fixed, markdownTable } from "./lib/table";
import { startThicket, type RunningServer } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";

const ROWS = 1_000_000;
const CODES = 100;
const DOCUMENTS = 10_000;
const CASES = 8_000; // documents share cases: 10,000 documents over 8,000 customers
const CODINGS = 200_000;
const TABLE = "bench_customers";
const KEY_INDEX = `${TABLE}_key_idx`;
const GOAL_MS = 300;

const COLUMNS: [name: string, type: "text" | "integer" | "number" | "boolean" | "date"][] = [
  ["customer_id", "text"], ["age", "integer"], ["tenure_months", "integer"], ["calls_90d", "integer"],
  ["complaints", "integer"], ["spend", "number"], ["balance", "number"], ["score", "number"],
  ["churned", "boolean"], ["vip", "boolean"], ["signup_date", "date"], ["last_contact", "date"],
  ["region", "text"], ["plan", "text"], ["channel", "text"], ["city", "text"],
  ["nps", "integer"], ["satisfaction", "number"], ["household", "integer"], ["note", "text"],
];
const SQL_TYPES = { text: "text", integer: "bigint", number: "double precision", boolean: "boolean", date: "date" };

const c = (column: string, op: FilterOp, value?: unknown): FilterCondition => ({ column, op, value });
export const SEGMENTS: [string, Filter][] = [
  ["Churned", { all: [c("churned", "eq", true)] }],
  ["Long tenure", { all: [c("tenure_months", "gte", 60)] }],
  ["Heavy callers", { all: [c("calls_90d", "gte", 5)] }],
  ["Complained", { all: [c("complaints", "gt", 0)] }],
  ["Churned after calling", { all: [c("churned", "eq", true), c("calls_90d", "gte", 3)] }],
  ["High spend", { all: [c("spend", "gte", 150)] }],
  ["In debt", { all: [c("balance", "lt", 0)] }],
  ["Detractors", { all: [c("nps", "lte", 6)] }],
  ["Promoters", { all: [c("nps", "gte", 9)] }],
  ["VIP", { all: [c("vip", "eq", true)] }],
  ["Under 25", { all: [c("age", "lt", 25)] }],
  ["65 and over", { all: [c("age", "gte", 65)] }],
  ["North and Highlands", { all: [c("region", "in", ["North", "Highlands"])] }],
  ["Business plans", { all: [c("plan", "eq", "business")] }],
  ["Chat or app", { all: [c("channel", "in", ["chat", "app"])] }],
  ["Joined since 2022", { all: [c("signup_date", "gte", "2022-01-01")] }],
  ["Quiet since mid-2023", { all: [c("last_contact", "lt", "2023-06-01")] }],
  ["Mentioned fees", { all: [c("note", "contains", "fee")] }],
  ["Unhappy", { any: [c("satisfaction", "lt", 2), c("complaints", "gte", 3)] }],
  [
    "At risk",
    { all: [c("churned", "eq", false), { any: [c("calls_90d", "gte", 4), c("complaints", "gte", 2)] }, c("tenure_months", "lt", 24)] },
  ],
];

/** The dataset, codebook, documents and codings, in bulk SQL (seeded, so every run is the same). */
export async function loadMatrixFixture(client: pg.Client, projectId: string, userId: string) {
  const pick = (values: string[]) => `(array[${values.map((v) => `'${v}'`).join(",")}])[1 + floor(random() * ${values.length})::int]`;
  const maybeNull = (expr: string, share = 0.02) => `case when random() < ${share} then null else ${expr} end`;
  await client.query("select setseed(0.42)");
  await client.query(`create table datasets."${TABLE}" (${COLUMNS.map(([n, t]) => `"${n}" ${SQL_TYPES[t]}`).join(", ")})`);
  await client.query(`insert into datasets."${TABLE}"
    select 'C' || lpad(i::text, 7, '0'),
      ${maybeNull("18 + floor(random() * 70)::bigint")},
      floor(random() * 120)::bigint,
      floor(-ln(1 - random()) * 2)::bigint,
      case when random() < 0.7 then 0 else 1 + floor(random() * 5)::bigint end,
      ${maybeNull("round((random() * 200)::numeric, 2)::float8")},
      (random() - 0.3) * 1000,
      random() * 100,
      random() < 0.2,
      random() < 0.05,
      date '2015-01-01' + floor(random() * 3000)::int,
      ${maybeNull("date '2023-01-01' + floor(random() * 700)::int", 0.05)},
      ${pick(["North", "South", "East", "West", "Midlands", "Highlands", "Islands"])},
      ${pick(["basic", "plus", "family", "business", "student"])},
      ${pick(["phone", "chat", "email", "store", "app"])},
      ${pick(["Leeds", "Cork", "Bergen", "Oulu", "Łódź"])},
      floor(random() * 11)::bigint,
      random() * 5,
      1 + floor(random() * 6)::bigint,
      ${maybeNull(pick(["asked about fees", "billing error", "moved, then came back", "none"]), 0.5)}
    from generate_series(1, ${ROWS}) as i`);
  // What the import creates: a unique index on the key column (kept as text).
  await client.query(`create unique index "${KEY_INDEX}" on datasets."${TABLE}" ("customer_id")`);
  const stored = COLUMNS.map(([name, type]) => ({ name, type, sqlName: name }));
  const { rows } = await client.query<{ id: string }>(
    `insert into datasets (id, project_id, name, key_column, table_name, columns, row_count, created_by)
     values ('bench_dataset', $1, 'Customers', 'customer_id', $2, $3, $4, $5) returning id`,
    [projectId, TABLE, JSON.stringify(stored), ROWS, userId],
  );
  // 10 themes with 9 sub-codes each.
  await client.query(
    `insert into codes (id, project_id, name, parent_id, color, created_by)
     select 'code_' || lpad(i::text, 3, '0'), $1,
            case when i % 10 = 0 then 'Theme ' || (i / 10) else 'Code ' || i end,
            case when i % 10 = 0 then null else 'code_' || lpad((i / 10 * 10)::text, 3, '0') end,
            '#5b8def', $2
     from generate_series(0, ${CODES - 1}) as i`,
    [projectId, userId],
  );
  // Documents spread over the dataset; 2% have a case key that is not in it.
  await client.query(
    `insert into documents (id, project_id, title, kind, case_key, text, created_by)
     select 'doc_' || j, $1, 'Call note ' || j, 'field_note',
            case when j % 50 = 0 then 'X' || j else 'C' || lpad((1 + (j % ${CASES}) * 97)::text, 7, '0') end,
            'The customer called about their bill and said the fees were a surprise.', $2
     from generate_series(1, ${DOCUMENTS}) as j`,
    [projectId, userId],
  );
  // Codes skewed towards the low numbers, as real codebooks are; 1% of codings orphaned.
  await client.query(
    `insert into codings (id, document_id, code_id, start, "end", quote, author_id, orphaned, created_at)
     select 'coding_' || k, 'doc_' || (1 + (k * 7919) % ${DOCUMENTS}),
            'code_' || lpad(floor(${CODES} * power(random(), 2))::int::text, 3, '0'),
            (k % 50), (k % 50) + 12, 'said the fees', $1, k % 100 = 0, now()
     from generate_series(1, ${CODINGS}) as k`,
    [userId],
  );
  await client.query("analyze");
  return rows[0]!.id;
}

async function api<T>(server: RunningServer, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { cookie, "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { json: JSON.parse(text) as T, bytes: text.length };
}

const ms = (v: number) => fixed(v, 1);

/**
 * CPU time the Postgres backend spends on the query (user + system, from log_statement_stats),
 * median of 3: unlike wall time, it hardly changes when other work shares the machine.
 */
async function backendCpuMs(client: pg.Client, text: string, params: unknown[]): Promise<number> {
  const samples: number[] = [];
  const listen = (msg: { message?: string; detail?: string }) => {
    // A parameterised query reports parse, bind and execute separately: the work is in execute.
    const m = /([\d.]+) s user, ([\d.]+) s system/.exec(msg.detail ?? "");
    if (m && msg.message?.startsWith("EXECUTE")) samples.push((Number(m[1]) + Number(m[2])) * 1000);
  };
  client.on("notice", listen);
  try {
    await client.query("begin");
    for (const setting of matrixQuerySettings) await client.query(new PgDialect().sqlToQuery(setting).sql);
    await client.query("set local client_min_messages = log");
    await client.query("set local log_statement_stats = on");
    samples.length = 0; // only the query's own statistics, not the settings'
    for (let i = 0; i < 3; i++) await client.query(text, params);
    const runs = samples.slice(0, 3);
    await client.query("commit");
    return runs.length ? median(runs) : NaN;
  } finally {
    client.off("notice", listen);
  }
}

export const matrixBench: Bench = {
  name: "matrix",
  description: `GET /api/v1/projects/:id/matrix over ${ROWS.toLocaleString("en")} dataset rows, 20 segments, ${CODINGS.toLocaleString("en")} codings (Postgres)`,
  async run({ serverRoot }) {
    const db = await createBenchDatabase();
    let server: RunningServer | null = null;
    const client = new pg.Client({ connectionString: db.url });
    const drizzle = openDatabase({ kind: "postgres", url: db.url, poolSize: 1 });
    try {
      server = await startThicket(serverRoot, { DATABASE_URL: db.url });
      const cookie = await signupUser(server.baseUrl, "bench@example.com", "correct horse battery", "Bench User");
      const project = (await api<{ id: string }>(server, cookie, "POST", "/api/v1/projects", { name: "Contact centre" })).json;
      const me = (await api<{ user: { id: string } }>(server, cookie, "GET", "/api/v1/me")).json;
      await client.connect();
      let t = performance.now();
      const datasetId = await loadMatrixFixture(client, project.id, me.user.id);
      const loadSec = (performance.now() - t) / 1000;
      console.error(`matrix: loaded the fixture in ${fixed(loadSec, 1)} s`);

      const saveMs: number[] = [];
      const sizes: Record<string, number> = {};
      for (const [name, filter] of SEGMENTS) {
        t = performance.now();
        const seg = (await api<{ size: number }>(server, cookie, "POST", `/api/v1/projects/${project.id}/segments`, { datasetId, name, filter })).json;
        saveMs.push(performance.now() - t);
        sizes[name] = seg.size;
      }
      console.error(`matrix: saved ${SEGMENTS.length} segments, median ${ms(median(saveMs))} ms each`);

      const path = `/api/v1/projects/${project.id}/matrix`;
      const runs = envNumber("BENCH_MATRIX_RUNS", 10);
      type MatrixAnswer = { codes: unknown[]; segments: unknown[]; cells: { codings: number; cases: number }[] };
      let answer = await api<MatrixAnswer>(server, cookie, "GET", path);
      await api(server, cookie, "GET", path); // warm-up: plans, caches, JIT
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        answer = await api<MatrixAnswer>(server, cookie, "GET", path);
        times.push(performance.now() - t);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const result = { medianMs: median(times), p95Ms: percentileOfSorted(sorted, 95), minMs: sorted[0]!, maxMs: sorted.at(-1)! };
      const cells = answer.json.cells;
      if (answer.json.codes.length !== CODES || answer.json.segments.length !== SEGMENTS.length || cells.length === 0) {
        throw new Error(`unexpected matrix: ${answer.json.codes.length} codes, ${answer.json.segments.length} segments, ${cells.length} cells`);
      }

      // The same SQL the route runs, explained.
      const list = await projectSegments(drizzle.db, project.id);
      const dialect = new PgDialect();
      const query = dialect.sqlToQuery(matrixCellsQuery(project.id, list));
      await client.query("begin");
      for (const setting of matrixQuerySettings) await client.query(dialect.sqlToQuery(setting).sql);
      const explained = await client.query(`explain (analyze, buffers) ${query.sql}`, query.params);
      await client.query("commit");
      const cpuMs = await backendCpuMs(client, query.sql, query.params);
      const plan = explained.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
      const keyIndexUsed = plan.includes(KEY_INDEX);
      if (!keyIndexUsed) console.error(`warning: the plan does not use ${KEY_INDEX}`);
      const sqlMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);

      const table = markdownTable(
        ["Measure", "Value"],
        [
          ["Dataset rows", ROWS.toLocaleString("en")],
          ["Segments / codes", `${SEGMENTS.length} / ${CODES}`],
          ["Documents (distinct cases)", `${DOCUMENTS.toLocaleString("en")} (${CASES.toLocaleString("en")})`],
          ["Codings", CODINGS.toLocaleString("en")],
          ["Non-empty cells", cells.length],
          ["GET matrix median (ms)", ms(result.medianMs)],
          ["GET matrix p95 (ms)", ms(result.p95Ms)],
          ["GET matrix min / max (ms)", `${ms(result.minMs)} / ${ms(result.maxMs)}`],
          ["SQL execution in EXPLAIN ANALYZE (ms)", ms(sqlMs)],
          ["Postgres backend CPU for the query, median of 3 (ms)", ms(cpuMs)],
          ["Response size (KiB)", fixed(answer.bytes / 1024, 1)],
          [`Goal < ${GOAL_MS} ms (median)`, result.medianMs < GOAL_MS ? "met" : "NOT met"],
          [`Key index ${KEY_INDEX} in the plan`, keyIndexUsed ? "yes" : "NO"],
          ["Save one segment, median (ms)", ms(median(saveMs))],
        ],
      );
      const markdown = [
        `### matrix: GET /api/v1/projects/:id/matrix, ${runs} runs after a warm-up (Postgres)`,
        "",
        table,
        "",
        "EXPLAIN (ANALYZE, BUFFERS) of the matrix query:",
        "",
        "```",
        plan,
        "```",
      ].join("\n");
      const json = {
        database: "PostgreSQL (fresh database, dropped afterwards)",
        fixture: { rows: ROWS, segments: SEGMENTS.length, codes: CODES, documents: DOCUMENTS, cases: CASES, codings: CODINGS, loadSec },
        segmentSizes: sizes,
        segmentSaveMs: { median: median(saveMs), runs: saveMs },
        matrix: { ...result, runs: times, cells: cells.length, responseBytes: answer.bytes, goalMs: GOAL_MS, goalMet: result.medianMs < GOAL_MS },
        explain: { executionMs: sqlMs, backendCpuMs: cpuMs, keyIndex: KEY_INDEX, keyIndexUsed, plan },
      };
      return { markdown, json };
    } finally {
      await client.end().catch(() => {});
      await drizzle.close().catch(() => {});
      await server?.service.stop();
      await db.drop();
    }
  },
};
