/**
 * The rate-limit half of the submissions bench: with the default limits, where the per-IP and
 * the per-form limits start answering 429, that the 429 carries Retry-After, and how cheaply a
 * flood from one address is refused.
 */
import type autocannon from "autocannon";
import { envNumber } from "./lib/bench";
import { runLoad, type LoadResult } from "./lib/load";
import { type BenchDatabase } from "./lib/pg";
import { rssMiB, scriptPid, startCpuWindow, type CpuShare } from "./lib/server-cpu";
import { countRows } from "./lib/submissions-db";
import {
  SUBMISSION_BODY,
  benchIp,
  createPublicForm,
  postSubmission,
  submissionsPath,
  type SubmitAnswer,
} from "./lib/submissions-api";
import { startThicket, type RunningServer } from "./lib/thicket";

const CONNECTIONS = 10;
const THICKET_SCRIPT = "server/main.ts";
export const DEFAULT_PER_IP = 20;
export const DEFAULT_PER_FORM = 300;

export interface LimitProbe {
  /** 201s before the first 429 (null: no 429 within `maxTries`). */
  acceptedBefore429: number | null;
  first429RetryAfterSec: number | null;
  /** Every status seen, in order of first appearance, with counts. */
  statusCodes: Record<string, number>;
  /** Rows the form holds afterwards. */
  storedSubmissions: number;
}

export interface Flood {
  load: LoadResult;
  cpu: CpuShare;
  serverRssMiB: { before: number; after: number };
  /** Rows the form holds after the flood (the accepted ones before it, nothing more). */
  storedSubmissions: number;
}

export interface ConcurrentFormLimit {
  load: LoadResult;
  storedSubmissions: number;
}

export interface LimitsResult {
  perIp: LimitProbe;
  flood: Flood;
  perForm: LimitProbe;
  perFormConcurrent: ConcurrentFormLimit;
}

const retryAfterSec = (a: SubmitAnswer) => (a.retryAfter === null ? null : Number(a.retryAfter));

/** Posts one submission at a time (each from `ipOf(i)`, if given) until the first 429, or `maxTries`. */
async function probe(
  baseUrl: string,
  formId: string,
  maxTries: number,
  ipOf?: (i: number) => string,
): Promise<Omit<LimitProbe, "storedSubmissions">> {
  const statusCodes: Record<string, number> = {};
  for (let i = 0; i < maxTries; i++) {
    const answer = await postSubmission(baseUrl, formId, ipOf?.(i));
    statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
    if (answer.status === 429) return { acceptedBefore429: statusCodes["201"] ?? 0, first429RetryAfterSec: retryAfterSec(answer), statusCodes };
    if (answer.status !== 201) throw new Error(`rate-limit probe: answer ${i + 1} was ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  return { acceptedBefore429: null, first429RetryAfterSec: null, statusCodes };
}

const post = (baseUrl: string, formId: string) => ({
  url: `${baseUrl}${submissionsPath(formId)}`,
  method: "POST" as const,
  body: SUBMISSION_BODY,
  headers: { "content-type": "application/json", accept: "application/json" },
  connections: CONNECTIONS,
});

function onlyStatus(label: string, r: LoadResult, allowed: string[]) {
  const unexpected = Object.keys(r.statusCodes).filter((s) => !allowed.includes(s));
  if (unexpected.length > 0 || r.errors > 0 || r.timeouts > 0 || r.requests === 0) {
    throw new Error(`${label}: status codes ${JSON.stringify(r.statusCodes)}, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
}

/** Server 1 (defaults): one address until refused, then a flood from that address. */
async function perIpAndFlood(serverRoot: string, db: BenchDatabase, cookie: string, projectId: string) {
  const server = await startThicket(serverRoot, { DATABASE_URL: db.url });
  try {
    const pid = await scriptPid(server.service, THICKET_SCRIPT);
    const formId = await createPublicForm(server.baseUrl, cookie, projectId, "Per-IP limit");
    const found = await probe(server.baseUrl, formId, DEFAULT_PER_IP * 2);
    const perIp: LimitProbe = { ...found, storedSubmissions: (await countRows(db.url, projectId, formId)).submissions };

    const rssBefore = rssMiB(pid);
    const stopCpu = startCpuWindow(pid, db.name);
    const load = await runLoad({ ...post(server.baseUrl, formId), durationSec: envNumber("BENCH_DURATION", 10), recordLatencyOf: (s) => s === 429 });
    const cpu = stopCpu();
    onlyStatus("per-IP flood", load, ["429"]);
    const flood: Flood = {
      load,
      cpu,
      serverRssMiB: { before: rssBefore, after: rssMiB(pid) },
      storedSubmissions: (await countRows(db.url, projectId, formId)).submissions,
    };
    return { perIp, flood };
  } finally {
    await server.service.stop();
  }
}

/** Server 2 (defaults, TRUST_PROXY=true): a new address per request, one at a time and then 10 at once. */
async function perForm(serverRoot: string, db: BenchDatabase, cookie: string, projectId: string) {
  const server: RunningServer = await startThicket(serverRoot, { DATABASE_URL: db.url, TRUST_PROXY: "true" });
  try {
    const sequentialForm = await createPublicForm(server.baseUrl, cookie, projectId, "Per-form limit");
    const found = await probe(server.baseUrl, sequentialForm, DEFAULT_PER_FORM + 20, (i) => benchIp(i));
    const probeResult: LimitProbe = { ...found, storedSubmissions: (await countRows(db.url, projectId, sequentialForm)).submissions };

    const concurrentForm = await createPublicForm(server.baseUrl, cookie, projectId, "Per-form limit, concurrent");
    let next = 10_000; // addresses the sequential probe did not use
    const requests: autocannon.Request[] = [
      { setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-forwarded-for": benchIp(next++) } }) },
    ];
    const load = await runLoad({
      ...post(server.baseUrl, concurrentForm),
      requests,
      amount: DEFAULT_PER_FORM * 2,
      durationSec: 60,
      recordLatencyOf: (s) => s === 429,
    });
    onlyStatus("per-form limit, concurrent", load, ["201", "429"]);
    const stored = (await countRows(db.url, projectId, concurrentForm)).submissions;
    return { perForm: probeResult, perFormConcurrent: { load, storedSubmissions: stored } };
  } finally {
    await server.service.stop();
  }
}

/** Throws if RATE_LIMIT_SUBMIT_* or TRUST_PROXY is set: the limits half measures the server's own defaults. */
export function assertDefaultLimits(): void {
  for (const name of ["RATE_LIMIT_SUBMIT_PER_IP", "RATE_LIMIT_SUBMIT_PER_FORM", "TRUST_PROXY"]) {
    if (process.env[name]) throw new Error(`unset ${name}: the submissions bench measures the default limits`);
  }
}

export async function measureLimits(serverRoot: string, db: BenchDatabase, cookie: string, projectId: string): Promise<LimitsResult> {
  assertDefaultLimits();
  const ip = await perIpAndFlood(serverRoot, db, cookie, projectId);
  const form = await perForm(serverRoot, db, cookie, projectId);
  return { ...ip, ...form };
}
