import { envNumber, type Bench } from "./lib/bench";
import { assertClean, runLoad, type LoadResult } from "./lib/load";
import { createBenchDatabase } from "./lib/pg";
import { PROJECT_ROOT, TSX_BIN, freePort, spawnService, waitForStatus, type Service } from "./lib/process";
import { fixed, markdownTable } from "./lib/table";
import { startThicket } from "./lib/thicket";
import { createProject, listProjects, signupUser } from "./lib/thicket-api";

const CONNECTIONS = 10;
const PROJECT_COUNT = 10;
const PATH = "/api/v1/projects";

const PROJECT_NAMES = [
  "Allotment diaries", "Bus route interviews", "Clinic waiting rooms", "Dockside oral histories",
  "Estate regeneration", "Food bank visits", "Gig workers' days", "Harbour night shifts",
  "Infant feeding stories", "Jobcentre queues", "Kitchen table budgets", "Library after dark",
];

interface Target {
  service: Service;
  baseUrl: string;
}

/** Starts the framework-free baseline (same database, same SQL) as its own process. */
async function startBaseline(databaseUrl: string): Promise<Target> {
  const port = await freePort();
  const service = spawnService({
    name: "baseline",
    command: TSX_BIN,
    args: ["bench/baseline-projects-server.ts"],
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
    cwd: PROJECT_ROOT,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForStatus(service, `${baseUrl}/`);
  return { service, baseUrl };
}

/** A discarded warm-up (JIT, pool connections), then the measured run; both must be all 2xx. */
async function load(label: string, baseUrl: string, cookie: string): Promise<LoadResult> {
  const common = { url: `${baseUrl}${PATH}`, headers: { cookie }, connections: CONNECTIONS };
  const warmup = envNumber("BENCH_WARMUP", 2);
  assertClean(`${label} warm-up`, await runLoad({ ...common, durationSec: warmup }));
  const result = await runLoad({ ...common, durationSec: envNumber("BENCH_DURATION", 10) });
  assertClean(label, result);
  return result;
}

const ratio = (a: number, b: number) => `${fixed(a / b, 2)}×`;

function render(thicket: LoadResult, baseline: LoadResult): string {
  const ms = (v: number) => fixed(v, 2);
  const line = (label: string, r: LoadResult) => [
    label,
    fixed(r.reqPerSecMean, 0),
    ms(r.latencyMs.p50),
    ms(r.latencyMs.p95),
    ms(r.latencyMs.p99),
    r.requests,
    r.non2xx,
  ];
  const table = markdownTable(
    ["Server", "Req/s (mean)", "p50 ms", "p95 ms", "p99 ms", "Requests", "Non-2xx"],
    [
      line("Thicket (Express + Remix + drizzle)", thicket),
      line("Baseline (node:http + pg)", baseline),
      [
        "Thicket / baseline",
        ratio(thicket.reqPerSecMean, baseline.reqPerSecMean),
        ratio(thicket.latencyMs.p50, baseline.latencyMs.p50),
        ratio(thicket.latencyMs.p95, baseline.latencyMs.p95),
        ratio(thicket.latencyMs.p99, baseline.latencyMs.p99),
        "",
        "",
      ],
    ],
  );
  return [
    `### api-projects: GET ${PATH}, ${CONNECTIONS} connections, ${thicket.durationSec} s each (Postgres, ${PROJECT_COUNT} projects)`,
    "",
    table,
    "",
    "Latency percentiles are exact, over every response's latency as autocannon measured it. " +
      "Each server ran alone in its own process after a discarded warm-up.",
  ].join("\n");
}

export const apiProjectsBench: Bench = {
  name: "api-projects",
  description: `GET ${PATH} on Postgres against a bare node:http baseline`,
  async run({ serverRoot }) {
    const db = await createBenchDatabase();
    let current: Target | null = null;
    try {
      current = await startThicket(serverRoot, { DATABASE_URL: db.url });
      const { baseUrl } = current;
      const cookie = await signupUser(baseUrl, "bench@example.com", "correct horse battery", "Bench User");
      for (const name of PROJECT_NAMES.slice(0, PROJECT_COUNT)) await createProject(baseUrl, cookie, name);
      const expected = JSON.stringify(await listProjects(baseUrl, cookie));
      const listed = (JSON.parse(expected) as { projects: unknown[] }).projects.length;
      if (listed !== PROJECT_COUNT) throw new Error(`expected ${PROJECT_COUNT} projects, Thicket listed ${listed}`);

      const thicket = await load("Thicket", baseUrl, cookie);
      console.error(`api-projects: Thicket ${fixed(thicket.reqPerSecMean, 0)} req/s`);
      await current.service.stop();

      current = await startBaseline(db.url);
      const got = JSON.stringify(await listProjects(current.baseUrl, cookie));
      if (got !== expected) throw new Error(`baseline answers differently:\n${got}\nThicket:\n${expected}`);
      const baseline = await load("Baseline", current.baseUrl, cookie);
      console.error(`api-projects: baseline ${fixed(baseline.reqPerSecMean, 0)} req/s`);
      await current.service.stop();
      current = null;

      const json = {
        database: "PostgreSQL (fresh database, dropped afterwards)",
        projects: PROJECT_COUNT,
        thicket,
        baseline,
        ratios: {
          reqPerSec: thicket.reqPerSecMean / baseline.reqPerSecMean,
          p50: thicket.latencyMs.p50 / baseline.latencyMs.p50,
          p95: thicket.latencyMs.p95 / baseline.latencyMs.p95,
          p99: thicket.latencyMs.p99 / baseline.latencyMs.p99,
        },
      };
      return { markdown: render(thicket, baseline), json };
    } finally {
      await current?.service.stop();
      await db.drop();
    }
  },
};
