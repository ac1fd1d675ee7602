import autocannon from "autocannon";
import { percentileOfSorted } from "./stats";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
  method?: autocannon.Request["method"];
  body?: string;
  /** autocannon's request pipeline (e.g. a setupRequest that varies a header per request). */
  requests?: autocannon.Request[];
  /** Stop after this many requests instead of after `durationSec`. */
  amount?: number;
  /** Whose latencies are recorded (default: 2xx responses). */
  recordLatencyOf?: (status: number) => boolean;
}

export interface LoadResult {
  url: string;
  connections: number;
  durationSec: number;
  /** How long the run really took (s), as autocannon timed it (with `amount`, not `durationSec`). */
  elapsedSec: number;
  requests: number;
  /** Requests written, answered or not: a run stopped by time abandons those still in flight. */
  sent: number;
  /** Mean of autocannon's per-second request counts. */
  reqPerSecMean: number;
  reqPerSecStddev: number;
  /** Exact percentiles (ms) over every recorded response's latency (2xx unless told otherwise). */
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** autocannon's own histogram percentiles (whole ms), for cross-checking. */
  autocannonLatencyMs: { p50: number; p90: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

function runAutocannon(opts: autocannon.Options, onLatency: (status: number, ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => onLatency(statusCode, responseTime));
  });
}

const is2xx = (status: number) => status >= 200 && status < 300;

/** Runs autocannon against one URL and records the latency of every 2xx (or chosen) response. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const statusCodes: Record<string, number> = {};
  const record = opts.recordLatencyOf ?? is2xx;
  const result = await runAutocannon(
    {
      url: opts.url,
      headers: opts.headers,
      connections: opts.connections,
      duration: opts.durationSec,
      ...(opts.method ? { method: opts.method } : {}),
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(opts.requests ? { requests: opts.requests } : {}),
      ...(opts.amount ? { amount: opts.amount } : {}),
    },
    (status, ms) => {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (!record(status)) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = ms;
    },
  );
  const recorded = latencies.subarray(0, count).sort();
  let sum = 0;
  for (const v of recorded) sum += v;
  const pct = (p: number) => (count > 0 ? percentileOfSorted(recorded, p) : Number.NaN);
  return {
    url: opts.url,
    connections: opts.connections,
    durationSec: opts.durationSec,
    elapsedSec: result.duration,
    requests: result.requests.total,
    sent: result.requests.sent,
    reqPerSecMean: result.requests.average,
    reqPerSecStddev: result.requests.stddev,
    latencyMs: {
      mean: count > 0 ? sum / count : Number.NaN,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      max: count > 0 ? (recorded[count - 1] as number) : Number.NaN,
    },
    autocannonLatencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** Throws unless every response was a 2xx and nothing errored or timed out. */
export function assertClean(label: string, r: LoadResult): void {
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0 || r.requests === 0) {
    throw new Error(
      `${label}: ${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; ` +
        `status codes ${JSON.stringify(r.statusCodes)}`,
    );
  }
}
