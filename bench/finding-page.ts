/**
 * `npm run bench -- finding-page`: the time to render a finding's page, server side, when it
 * cites 5 segments, 5 codes and 50 excerpts, in a project of 10,000 customers, 500 documents
 * and 10,000 codings on Postgres (bench/lib/finding-fixture.ts builds it through the API).
 *
 * Each target is requested one at a time, N times after a warm-up, with a logged-in session.
 * Thicket sets no Server-Timing header, so times are round trips over loopback (the client's
 * share is the fetch itself), and the server's CPU per request is read from /proc beside them.
 * Baselines in the same run: GET /api/v1/findings/:id, the matrix cell's 50 excerpts (the
 * nearest existing read), getFinding() called in this process (data access without HTTP), and
 * the SQL getFinding sends, replayed with bare pg.
 * BENCH_FINDING_RUNS (default 200) and BENCH_FINDING_WARMUP (default 20) set the counts.
 */
import pg from "pg";
import { openDatabase } from "../db/client";
import { getFinding } from "../app/lib/findings/findings.server";
import type { FindingView } from "../app/lib/findings/types";
import type { AppServices } from "../app/lib/services.server";
import { envNumber, type Bench } from "./lib/bench";
import { cpuSeconds } from "./lib/collab-proc";
import { api, buildFindingFixture, type FindingFixtureSize } from "./lib/finding-fixture";
import { createBenchDatabase } from "./lib/pg";
import { scriptPid } from "./lib/server-cpu";
import { recordSql, replaySql } from "./lib/sql-replay";
import { median, percentileOfSorted } from "./lib/stats";
import { fixed, markdownTable } from "./lib/table";
import { startThicket, type RunningServer } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";
import { SEGMENTS } from "./matrix";

const SIZE: FindingFixtureSize = { rows: 10_000, documents: 500, codingsPerDocument: 20, segments: SEGMENTS.slice(0, 5), evidenceCodes: 5, excerpts: 50 };

interface Series {
  runs: number[];
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  /** Of the answer, when there is one. */
  bytes: number | null;
  /** Mean CPU of the Thicket process per request (user + system), for HTTP targets. */
  serverCpuMs: number | null;
}

function series(runs: number[], bytes: number | null, serverCpuMs: number | null): Series {
  const sorted = [...runs].sort((a, b) => a - b);
  const p = (q: number) => percentileOfSorted(sorted, q);
  return { runs, medianMs: median(runs), p95Ms: p(95), p99Ms: p(99), minMs: sorted[0]!, maxMs: sorted.at(-1)!, bytes, serverCpuMs };
}

/** Calls `fn` `warmup` times, then times `n` calls one after another. */
async function timeCalls(n: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

/** GETs `url` as the logged-in user; every answer must be a 200 that `check` accepts. */
async function timeGet(url: string, cookie: string, accept: string, pid: number, n: number, warmup: number, check: (body: string) => boolean) {
  let bytes = 0;
  const get = async () => {
    const res = await fetch(url, { headers: { cookie, accept } });
    const body = await res.text();
    if (res.status !== 200 || !check(body)) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
    bytes = Buffer.byteLength(body);
  };
  for (let i = 0; i < warmup; i++) await get();
  const cpuBefore = cpuSeconds(pid);
  const times = await timeCalls(n, 0, get);
  return series(times, bytes, ((cpuSeconds(pid) - cpuBefore) * 1000) / n);
}

/** Refuses to time a page that does not show the finding (an old build, an error page). */
async function checkPage(url: string, cookie: string, title: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie, accept: "text/html" } });
  const body = await res.text();
  if (res.status !== 200 || !res.headers.get("content-type")?.includes("text/html") || !body.includes(title)) {
    throw new Error(`${url} answered ${res.status} without the finding (is the build older than the code? set BUILD_DIR to a fresh directory)`);
  }
}

/** The matrix cell (evidence code × segment) with the most codings: its first 50 excerpts. */
async function excerptsPath(server: RunningServer, cookie: string, projectId: string, codeIds: string[]) {
  const matrix = await api<{ cells: { codeId: string; segmentId: string; codings: number }[] }>(server.baseUrl, cookie, "GET", `/api/v1/projects/${projectId}/matrix`);
  const cell = matrix.cells.filter((c) => codeIds.includes(c.codeId)).sort((a, b) => b.codings - a.codings)[0];
  if (!cell) throw new Error("the matrix has no cell for the finding's codes");
  return { path: `/api/v1/projects/${projectId}/matrix/excerpts?codeId=${cell.codeId}&segmentId=${cell.segmentId}&limit=50`, codings: cell.codings };
}

/** A reviewer joins, the finding goes to review, and the reviewer's session is returned. */
async function sendToReview(server: RunningServer, ownerCookie: string, projectId: string, findingId: string): Promise<string> {
  const email = "reviewer@example.com";
  const cookie = await signupUser(server.baseUrl, email, "correct horse battery", "Vera Reviewer");
  await api(server.baseUrl, ownerCookie, "POST", `/api/v1/projects/${projectId}/members`, { email, role: "reviewer" }, 201);
  await api(server.baseUrl, ownerCookie, "POST", `/api/v1/findings/${findingId}/transitions`, { to: "in_review" });
  return cookie;
}

const ms = (v: number) => fixed(v, 1);
const ratio = (a: number, b: number) => `${fixed(a / b, 1)}×`;

export const findingPageBench: Bench = {
  name: "finding-page",
  description: "GET a finding's page (5 segments, 5 codes, 50 excerpts; 10,000 codings in the project), sequential, p95 (Postgres)",
  async run({ serverRoot }) {
    const n = envNumber("BENCH_FINDING_RUNS", 200);
    const warmup = envNumber("BENCH_FINDING_WARMUP", 20);
    const db = await createBenchDatabase();
    let server: RunningServer | null = null;
    const handle = openDatabase({ kind: "postgres", url: db.url, poolSize: 10 });
    const client = new pg.Client({ connectionString: db.url });
    try {
      server = await startThicket(serverRoot, { DATABASE_URL: db.url });
      const pid = await scriptPid(server.service, "server/main.ts");
      const cookie = await signupUser(server.baseUrl, "bench@example.com", "correct horse battery", "Bench User");
      const fx = await buildFindingFixture(server.baseUrl, cookie, SIZE);
      console.error(`finding-page: built the project through the API in ${fixed(fx.seedSec, 1)} s`);

      const apiPath = `/api/v1/findings/${fx.findingId}`;
      const view = await api<FindingView>(server.baseUrl, cookie, "GET", apiPath);
      const excerpts = view.evidence.filter((e) => e.kind === "excerpt");
      if (view.evidence.length !== SIZE.segments.length + SIZE.evidenceCodes + SIZE.excerpts || excerpts.some((e) => e.state !== "current")) {
        throw new Error(`unexpected finding: ${view.evidence.length} pieces of evidence, states ${[...new Set(excerpts.map((e) => e.state))].join(",")}`);
      }

      const pageUrl = `${server.baseUrl}/projects/${fx.projectId}/findings/${fx.findingId}`;
      await checkPage(pageUrl, cookie, fx.title);
      const page = await timeGet(pageUrl, cookie, "text/html", pid, n, warmup, (html) => html.includes(fx.title));
      const json = await timeGet(server.baseUrl + apiPath, cookie, "application/json", pid, n, warmup, (b) => b.includes(fx.findingId));
      const cell = await excerptsPath(server, cookie, fx.projectId, fx.codeIds.slice(0, SIZE.evidenceCodes));
      const matrixExcerpts = await timeGet(server.baseUrl + cell.path, cookie, "application/json", pid, n, warmup, (b) => b.includes('"excerpts"'));

      // The data access alone: the same function, in this process, over its own pool of 10.
      const services = { db: handle.db, collab: { flush: async () => {} } } as unknown as AppServices;
      const service = series(await timeCalls(n, warmup, () => getFinding(services, fx.findingId)), null, null);
      const statements = await recordSql(() => getFinding(services, fx.findingId));
      await client.connect();
      const perStatement = statements.map((): number[] => []);
      for (let i = 0; i < warmup; i++) await replaySql(client, statements);
      const sql = series(await timeCalls(n, 0, () => replaySql(client, statements, perStatement)), null, null);
      const slowest = perStatement
        .map((times, i) => ({ medianMs: median(times), sql: statements[i]!.text.replace(/\s+/g, " ").slice(0, 120) }))
        .sort((a, b) => b.medianMs - a.medianMs)[0]!;

      // The council's view: the reviewer opens the finding in review (no editing tools to load).
      const reviewerCookie = page ? await sendToReview(server, cookie, fx.projectId, fx.findingId) : null;
      const reviewPage = reviewerCookie ? await timeGet(pageUrl, reviewerCookie, "text/html", pid, n, warmup, (html) => html.includes(fx.title)) : null;

      const headline = page ?? json;
      const line = (label: string, s: Series) => [
        label,
        ms(s.medianMs),
        ms(s.p95Ms),
        ms(s.p99Ms),
        s.serverCpuMs === null ? "" : ms(s.serverCpuMs),
        s.bytes === null ? "" : fixed(s.bytes / 1024, 1),
      ];
      const rows = [
        line("Finding page HTML, owner, draft (with the editing tools)", page),
        ...(reviewPage ? [line("Finding page HTML, reviewer, in review", reviewPage)] : []),
        line("JSON API (GET /api/v1/findings/:id)", json),
        line(`Matrix cell excerpts, limit 50 (cell of ${cell.codings} codings)`, matrixExcerpts),
        line("getFinding() in the bench process (drizzle, no HTTP)", service),
        line(`Same SQL replayed with bare pg (${statements.length} statements, one connection)`, sql),
      ];
      const against = (label: string, base: Series) => [`${page ? "Owner's page" : "JSON API"} / ${label}`, ratio(headline.medianMs, base.medianMs), ratio(headline.p95Ms, base.p95Ms), ratio(headline.p99Ms, base.p99Ms), "", ""];
      const table = markdownTable(
        ["Request", "median ms", "p95 ms", "p99 ms", "server CPU ms/req", "KiB"],
        [...rows, ...(page ? [against("JSON API", json)] : []), against("matrix excerpts", matrixExcerpts), against("getFinding()", service), against("SQL replay", sql)],
      );
      const markdown = [
        `### finding-page: GET /projects/:id/findings/:id, ${n} sequential requests after ${warmup} warm-up (Postgres)`,
        "",
        `**p95 ${ms(headline.p95Ms)} ms** (median ${ms(headline.medianMs)} ms) for a finding with ${SIZE.segments.length} segments, ${SIZE.evidenceCodes} codes and ${SIZE.excerpts} excerpts, ` +
          `in a project of ${SIZE.rows.toLocaleString("en")} customers, ${SIZE.documents} documents and ${fx.codings.toLocaleString("en")} codings` +
          (page ? ` (the owner's view of the draft; the reviewer's view in review: p95 ${ms(reviewPage!.p95Ms)} ms, median ${ms(reviewPage!.medianMs)} ms).` : "."),
        "",
        table,
        "",
        "Times are round trips over loopback with a session cookie (Thicket sends no Server-Timing header); server CPU is the Thicket " +
          "process's user + system time over the series divided by the requests. The SQL replay runs getFinding's statements " +
          "one after another on one connection, where the service runs some of them in parallel; neither does the session lookup. " +
          `Its slowest statement takes ${ms(slowest.medianMs)} ms (median): \`${slowest.sql}…\``,
      ].join("\n");
      return {
        markdown,
        json: {
          database: "PostgreSQL (fresh database, dropped afterwards)",
          fixture: { ...SIZE, segments: SIZE.segments.map(([name]) => name), codes: fx.codeIds.length, codings: fx.codings, seedSec: fx.seedSec },
          runs: n,
          warmup,
          timing: "client round trip on 127.0.0.1 (no Server-Timing header); serverCpuMs from /proc",
          page,
          reviewerPage: reviewPage,
          jsonApi: json,
          matrixExcerpts: { ...matrixExcerpts, cellCodings: cell.codings },
          getFindingInProcess: service,
          sqlReplay: { ...sql, statements: statements.length, slowest },
          headline: { target: page ? "page" : "jsonApi", p95Ms: headline.p95Ms, medianMs: headline.medianMs, p99Ms: headline.p99Ms },
        },
      };
    } finally {
      await client.end().catch(() => {});
      await handle.close().catch(() => {});
      await server?.service.stop();
      await db.drop();
    }
  },
};
