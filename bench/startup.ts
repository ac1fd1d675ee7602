import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { envNumber, type Bench } from "./lib/bench";
import { PROJECT_ROOT, freePort, spawnService, waitForStatus } from "./lib/process";
import { spread, type Spread } from "./lib/stats";
import { fixed, markdownTable } from "./lib/table";
import { LISTENING_LINE, serverEnv, startThicket } from "./lib/thicket";

const POLL_MS = 20;

interface StartupSample {
  /** Spawn to the first 200 on GET /. */
  toFirst200Ms: number;
  /** Spawn to the "Thicket is running" log line. */
  toListeningLineMs: number | null;
}

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "thicket-bench-startup-"));

/** One `tsx server/main.ts` on PGlite in `dataDir`, timed from spawn to the first 200 on GET /. */
async function measureServerStart(serverRoot: string, dataDir: string): Promise<StartupSample> {
  const { service, readyAt } = await startThicket(serverRoot, { DATA_DIR: dataDir }, POLL_MS);
  const listening = service.lineSeenAt(LISTENING_LINE);
  await service.stop();
  return {
    toFirst200Ms: readyAt - service.startedAt,
    toListeningLineMs: listening === null ? null : listening - service.startedAt,
  };
}

/** `npm start` exactly as a user runs it (build, then start), on a fresh PGlite data dir. */
async function measureNpmStart(): Promise<StartupSample> {
  const dataDir = await tempDir();
  try {
    const port = await freePort();
    // `npm start` sets NODE_ENV itself through cross-env.
    const { NODE_ENV: _nodeEnv, ...env } = serverEnv({ DATA_DIR: dataDir, PORT: String(port) });
    const service = spawnService({ name: "npm start", command: "npm", args: ["start"], env, cwd: PROJECT_ROOT });
    const readyAt = await waitForStatus(service, `http://127.0.0.1:${port}/`, {
      intervalMs: POLL_MS,
      timeoutMs: 300_000,
    });
    const listening = service.lineSeenAt(LISTENING_LINE);
    await service.stop();
    return {
      toFirst200Ms: readyAt - service.startedAt,
      toListeningLineMs: listening === null ? null : listening - service.startedAt,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm start` builds into the shared build/ and runs from it, so a rebuild started elsewhere
 * (a test run) can delete it between the two steps. Such a failed attempt is retried.
 */
async function measureNpmStartWithRetries(attempts: number): Promise<StartupSample & { attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await measureNpmStart()), attempts: attempt };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (attempt >= attempts) throw err;
      console.error(`startup: npm start attempt ${attempt} failed, retrying: ${message.split("\n")[0]}`);
    }
  }
}

function summarise(samples: StartupSample[]) {
  const listening = samples.map((s) => s.toListeningLineMs).filter((v): v is number => v !== null);
  return {
    toFirst200Ms: spread(samples.map((s) => s.toFirst200Ms)),
    toListeningLineMs: listening.length > 0 ? spread(listening) : null,
  };
}

function row(label: string, s: ReturnType<typeof summarise>): (string | number)[] {
  const ms = (v: number) => fixed(v, 0);
  const first: Spread = s.toFirst200Ms;
  return [
    label,
    first.runs.length,
    ms(first.median),
    ms(first.min),
    ms(first.max),
    s.toListeningLineMs ? ms(s.toListeningLineMs.median) : "n/a",
  ];
}

export const startupBench: Bench = {
  name: "startup",
  description: "Cold and warm start on embedded PGlite, and the full npm start",
  async run({ serverRoot }) {
    const runs = Math.round(envNumber("BENCH_STARTUP_RUNS", 3));
    const fresh: StartupSample[] = [];
    const warm: StartupSample[] = [];
    for (let i = 0; i < runs; i++) {
      const dataDir = await tempDir();
      try {
        fresh.push(await measureServerStart(serverRoot, dataDir));
        warm.push(await measureServerStart(serverRoot, dataDir));
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
      console.error(`startup: run ${i + 1}/${runs} done`);
    }
    const npmStart = await measureNpmStartWithRetries(3);
    console.error(`startup: npm start done (${npmStart.attempts} attempt(s))`);

    const summary = {
      pollIntervalMs: POLL_MS,
      serverStartFreshDataDir: summarise(fresh),
      serverStartExistingDataDir: summarise(warm),
      npmStartFreshDataDir: { ...summarise([npmStart]), attempts: npmStart.attempts },
    };
    const table = markdownTable(
      ["Scenario (PGlite)", "Runs", "Median ms", "Min ms", "Max ms", "Log line, median ms"],
      [
        row("(a) tsx server/main.ts, fresh data dir", summary.serverStartFreshDataDir),
        row("(b) tsx server/main.ts, existing data dir", summary.serverStartExistingDataDir),
        row("(c) npm start (build + start), fresh data dir", summary.npmStartFreshDataDir),
      ],
    );
    const markdown = [
      "### startup: spawn to first 200 on GET /",
      "",
      table,
      "",
      `Polled every ${POLL_MS} ms. "Log line" is spawn to the "Thicket is running" line (the server is listening).`,
    ].join("\n");
    return { markdown, json: summary };
  },
};
