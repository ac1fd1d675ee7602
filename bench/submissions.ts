/**
 * `npm run bench -- submissions`: anonymous submissions to a public form on Postgres.
 *   1. Sustained throughput of one Thicket process (submit limits lifted), 10 connections,
 *      against a bare node:http + pg baseline doing the durable part of the job, same run.
 *   2. The rate limiter with its defaults (bench/submissions-limits.ts).
 * BENCH_DURATION (s, default 10) and BENCH_WARMUP (s, default 2) set the load windows.
 */
import { performance } from "node:perf_hooks";
import { redact } from "../app/lib/contributions/redact";
import { envNumber, type Bench } from "./lib/bench";
import { createProjectId } from "./lib/collab-api";
import { runLoad, type LoadResult } from "./lib/load";
import { createBenchDatabase, type BenchDatabase } from "./lib/pg";
import { PROJECT_ROOT, TSX_BIN, freePort, spawnService, waitForStatus, type Service } from "./lib/process";
import { rssMiB, scriptPid, startCpuWindow, type CpuShare } from "./lib/server-cpu";
import { STORY, SUBMISSION_BODY, createPublicForm, submissionsPath, submitOnce } from "./lib/submissions-api";
import { checkStoredMasked, committedTransactions, emptySubmissionTables, settledRows, type RowCounts } from "./lib/submissions-db";
import { startThicket } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";
import { assertDefaultLimits, measureLimits } from "./submissions-limits";
import { renderSubmissions } from "./submissions-render";

const CONNECTIONS = 10;
const LIFTED = "1000000000/600";
const THICKET_SCRIPT = "server/main.ts";
const BASELINE_SCRIPT = "bench/baseline-submissions-server.ts";

interface Target {
  service: Service;
  baseUrl: string;
  pid: number;
}

export interface Throughput {
  load: LoadResult;
  /** 201s per second over the measured run. */
  perSec: number;
  cpu: CpuShare;
  /** Server CPU ms per accepted submission over the measured window. */
  serverCpuMsPerSubmission: number;
  serverRssMiB: { before: number; after: number };
  /** 201s over the server's life: the checked one, the warm-up's and the measured run's. */
  answered201: number;
  /** Requests sent over the server's life, including those abandoned in flight when a run stopped. */
  sent: number;
  rows: RowCounts;
  /** Commits in the database over the server's whole life per stored submission. */
  transactionsPerSubmission: number;
}

async function startBaseline(databaseUrl: string): Promise<Target> {
  const port = await freePort();
  const service = spawnService({
    name: "baseline",
    command: TSX_BIN,
    args: [BASELINE_SCRIPT],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl },
    cwd: PROJECT_ROOT,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForStatus(service, `${baseUrl}/`);
  return { service, baseUrl, pid: await scriptPid(service, BASELINE_SCRIPT) };
}

function only201(label: string, r: LoadResult) {
  const codes = Object.keys(r.statusCodes);
  if (codes.some((c) => c !== "201") || r.errors > 0 || r.timeouts > 0 || r.requests === 0) {
    throw new Error(`${label}: status codes ${JSON.stringify(r.statusCodes)}, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  return r.statusCodes["201"] ?? 0;
}

/**
 * One checked submission, a discarded warm-up, then the measured run; every answer must be 201.
 * A run stopped by time abandons the requests still in flight (one per connection), which the
 * server still completes and stores: the rows are counted once it has, and must equal every
 * request sent.
 */
async function measure(label: string, t: Target, db: BenchDatabase, projectId: string, formId: string) {
  await checkStoredMasked(db.url, await submitOnce(t.baseUrl, formId));
  const common = {
    url: `${t.baseUrl}${submissionsPath(formId)}`,
    method: "POST" as const,
    body: SUBMISSION_BODY,
    headers: { "content-type": "application/json", accept: "application/json" },
    connections: CONNECTIONS,
  };
  const warmup = await runLoad({ ...common, durationSec: envNumber("BENCH_WARMUP", 2) });
  const warm = only201(`${label} warm-up`, warmup);
  await settledRows(db.url, projectId, formId, 1 + warmup.sent);
  const rssBefore = rssMiB(t.pid);
  const stopCpu = startCpuWindow(t.pid, db.name);
  const load = await runLoad({ ...common, durationSec: envNumber("BENCH_DURATION", 10) });
  const cpu = stopCpu();
  const rssAfter = rssMiB(t.pid);
  const measured = only201(label, load);
  const perSec = measured / load.elapsedSec;
  const sent = 1 + warmup.sent + load.sent;
  const rows = await settledRows(db.url, projectId, formId, sent);
  console.error(`submissions: ${label} ${Math.round(perSec)}/s, ${1 + warm + measured} answered 201, ${sent} sent, rows ${JSON.stringify(rows)}`);
  return {
    load,
    perSec,
    cpu,
    answered201: 1 + warm + measured,
    sent,
    rows,
    serverCpuMsPerSubmission: (cpu.serverPct * 10) / perSec,
    serverRssMiB: { before: rssBefore, after: rssAfter },
  };
}

/** Runs `measure` on a server started by `start`, and counts the database's commits over its life. */
async function throughput(
  label: string,
  start: () => Promise<Target>,
  db: BenchDatabase,
  ids: { projectId: string; formId: string },
  expectLogRows: boolean,
): Promise<Throughput> {
  const commitsBefore = await committedTransactions(db.url, db.name);
  const target = await start();
  let result;
  try {
    result = await measure(label, target, db, ids.projectId, ids.formId);
  } finally {
    await target.service.stop();
  }
  const commits = (await committedTransactions(db.url, db.name)) - commitsBefore;
  const { rows, sent } = result;
  const logged = expectLogRows ? rows.documentsWithState : sent;
  if (rows.submissions !== sent || rows.documents !== sent || logged !== sent) {
    throw new Error(`${label}: ${sent} requests sent (${result.answered201} answered 201) but the database holds ${JSON.stringify(rows)}`);
  }
  return { ...result, transactionsPerSubmission: commits / rows.submissions };
}

/** Microseconds one `redact` of the story takes in this process (the masking every submission does). */
function maskingMicros(): number {
  for (let i = 0; i < 500; i++) redact(STORY);
  const n = 5000;
  const started = performance.now();
  for (let i = 0; i < n; i++) redact(STORY);
  return ((performance.now() - started) * 1000) / n;
}

export const submissionsBench: Bench = {
  name: "submissions",
  description: "public form submissions on Postgres: throughput against a node:http + pg baseline, and the rate limiter",
  async run({ serverRoot }) {
    assertDefaultLimits();
    const db = await createBenchDatabase();
    try {
      const lifted = { DATABASE_URL: db.url, RATE_LIMIT_SUBMIT_PER_IP: LIFTED, RATE_LIMIT_SUBMIT_PER_FORM: LIFTED };
      const setup = await startThicket(serverRoot, lifted);
      let cookie: string;
      let ids: { projectId: string; formId: string };
      try {
        cookie = await signupUser(setup.baseUrl, "bench@example.com", "correct horse battery", "Bench User");
        const projectId = await createProjectId(setup.baseUrl, cookie, "Customer service stories");
        ids = { projectId, formId: await createPublicForm(setup.baseUrl, cookie, projectId, "Contacting customer service") };
      } finally {
        await setup.service.stop();
      }

      const startThicketTarget = async (): Promise<Target> => {
        const s = await startThicket(serverRoot, lifted);
        return { service: s.service, baseUrl: s.baseUrl, pid: await scriptPid(s.service, THICKET_SCRIPT) };
      };
      const thicket = await throughput("Thicket", startThicketTarget, db, ids, true);
      await emptySubmissionTables(db.url);
      const baseline = await throughput("baseline", () => startBaseline(db.url), db, ids, false);
      await emptySubmissionTables(db.url);

      const limits = await measureLimits(serverRoot, db, cookie, ids.projectId);
      const masking = { storyChars: STORY.length, microsPerRedact: maskingMicros() };
      const json = {
        database: "PostgreSQL (fresh database, dropped afterwards)",
        connections: CONNECTIONS,
        thicket,
        baseline,
        ratios: {
          reqPerSec: thicket.perSec / baseline.perSec,
          p50: thicket.load.latencyMs.p50 / baseline.load.latencyMs.p50,
          p95: thicket.load.latencyMs.p95 / baseline.load.latencyMs.p95,
          p99: thicket.load.latencyMs.p99 / baseline.load.latencyMs.p99,
        },
        limits,
        masking,
      };
      return { markdown: renderSubmissions({ thicket, baseline, limits, masking }), json };
    } finally {
      await db.drop();
    }
  },
};
