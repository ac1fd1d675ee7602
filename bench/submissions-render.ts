/** The markdown tables of the submissions bench. */
import type { LoadResult } from "./lib/load";
import { fixed, markdownTable, type Cell } from "./lib/table";
import { DEFAULT_PER_FORM, DEFAULT_PER_IP, type LimitProbe, type LimitsResult } from "./submissions-limits";
import type { Throughput } from "./submissions";

export interface SubmissionsReport {
  thicket: Throughput;
  baseline: Throughput;
  limits: LimitsResult;
  masking: { storyChars: number; microsPerRedact: number };
}

const ms = (v: number) => fixed(v, 2);
const ratio = (a: number, b: number) => `${fixed(a / b, 2)}×`;
const int = (v: number) => Math.round(v).toLocaleString("en-GB");
const pct = (v: number) => `${fixed(v, 0)}%`;
const latencies = (r: LoadResult): Cell[] => [ms(r.latencyMs.p50), ms(r.latencyMs.p95), ms(r.latencyMs.p99)];

function throughputTable({ thicket, baseline }: SubmissionsReport): string {
  const line = (label: string, t: Throughput): Cell[] => [
    label,
    int(t.perSec),
    ...latencies(t.load),
    int(t.load.requests),
    pct(t.cpu.serverPct),
    ms(t.serverCpuMsPerSubmission),
    pct(t.cpu.postgresPct),
    fixed(t.transactionsPerSubmission, 1),
  ];
  const r = (f: (t: Throughput) => number) => ratio(f(thicket), f(baseline));
  return markdownTable(
    ["Server", "201/s", "p50 ms", "p95 ms", "p99 ms", "201s", "server CPU", "CPU ms/201", "Postgres CPU", "commits/201"],
    [
      line("Thicket (Express + Remix + drizzle + Y.Doc)", thicket),
      line("Baseline (node:http + pg, one transaction)", baseline),
      [
        "Thicket / baseline",
        r((t) => t.perSec),
        r((t) => t.load.latencyMs.p50),
        r((t) => t.load.latencyMs.p95),
        r((t) => t.load.latencyMs.p99),
        "",
        r((t) => t.cpu.serverPct),
        r((t) => t.serverCpuMsPerSubmission),
        r((t) => t.cpu.postgresPct),
        r((t) => t.transactionsPerSubmission),
      ],
    ],
  );
}

const retry = (p: LimitProbe) => (p.first429RetryAfterSec === null ? "missing" : `${p.first429RetryAfterSec} s`);
const found = (p: LimitProbe) => (p.acceptedBefore429 === null ? "no 429" : String(p.acceptedBefore429));

function limitsTable({ limits }: SubmissionsReport): string {
  const { perIp, perForm, perFormConcurrent: conc } = limits;
  const c = conc.load.statusCodes;
  return markdownTable(
    ["Limit (defaults)", "expected 201s", "201s before the first 429", "Retry-After", "rows stored"],
    [
      [`per IP (${DEFAULT_PER_IP}/600), one address, one request at a time`, DEFAULT_PER_IP, found(perIp), retry(perIp), perIp.storedSubmissions],
      [`per form (${DEFAULT_PER_FORM}/600), TRUST_PROXY, a new X-Forwarded-For each, one at a time`, DEFAULT_PER_FORM, found(perForm), retry(perForm), perForm.storedSubmissions],
      [
        `same, ${conc.load.connections} connections, ${conc.load.requests} requests`,
        DEFAULT_PER_FORM,
        `${c["201"] ?? 0} (and ${c["429"] ?? 0} × 429)`,
        "",
        conc.storedSubmissions,
      ],
    ],
  );
}

function floodTable({ limits, thicket }: SubmissionsReport): string {
  const { flood, perFormConcurrent: conc } = limits;
  return markdownTable(
    ["Refusals", "429/s (mean)", "p50 ms", "p95 ms", "p99 ms", "429s", "server CPU", "CPU ms/429", "Postgres CPU"],
    [
      [
        `flood from the refused address, ${flood.load.connections} connections, ${flood.load.durationSec} s`,
        int(flood.load.reqPerSecMean),
        ...latencies(flood.load),
        int(flood.load.requests),
        pct(flood.cpu.serverPct),
        ms((flood.cpu.serverPct * 10) / flood.load.reqPerSecMean),
        pct(flood.cpu.postgresPct),
      ],
      ["429 flood / accepted submissions (Thicket, above)", ratio(flood.load.reqPerSecMean, thicket.perSec), ...["", "", "", "", "", "", ""]],
      [`per-form 429s of the concurrent run above (form looked up first; amid its 201s)`, "", ...latencies(conc.load), conc.load.statusCodes["429"] ?? 0, "", "", ""],
    ],
  );
}

export function renderSubmissions(report: SubmissionsReport): string {
  const { thicket, baseline, masking, limits } = report;
  return [
    `### submissions: POST /api/v1/forms/:formId/submissions, ${thicket.load.connections} connections, ${thicket.load.durationSec} s each (Postgres, submit limits lifted)`,
    "",
    throughputTable(report),
    "",
    `Every answer was 201. The database held one submission and one document per request sent ` +
      `(Thicket ${int(thicket.sent)}, each document with its stored Y.Doc state; baseline ${int(baseline.sent)}): ` +
      "the 201s of one checked submission, a discarded warm-up and the measured run, plus the requests autocannon " +
      `abandoned in flight when each run stopped (Thicket ${thicket.sent - thicket.answered201}, baseline ` +
      `${baseline.sent - baseline.answered201}), which the server still stored. ` +
      "Latency percentiles are exact, over every 201. " +
      "CPU is % of one core over the measured window; commits are the database's over the server's whole life. " +
      `Thicket's RSS went ${int(thicket.serverRssMiB.before)} → ${int(thicket.serverRssMiB.after)} MiB over the window ` +
      `(baseline ${int(baseline.serverRssMiB.before)} → ${int(baseline.serverRssMiB.after)} MiB). ` +
      `Masking the ${masking.storyChars}-character story takes ${fixed(masking.microsPerRedact, 0)} µs (in the bench process); ` +
      "the baseline masks it with the same function.",
    "",
    "### submissions: the rate limiter (default limits)",
    "",
    limitsTable(report),
    "",
    floodTable(report),
    "",
    `During the flood every answer was 429 and the form's rows stayed at ${limits.flood.storedSubmissions}; ` +
      `Thicket's RSS went ${int(limits.flood.serverRssMiB.before)} → ${int(limits.flood.serverRssMiB.after)} MiB.`,
  ].join("\n");
}
