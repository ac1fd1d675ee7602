/** What every bench module exports: run.ts prints `markdown` and writes `json` to bench/results/. */
export interface BenchOutcome {
  markdown: string;
  json: unknown;
}

export interface BenchContext {
  /** Working directory for Thicket servers: holds a private copy of build/. */
  serverRoot: string;
}

export interface Bench {
  name: string;
  description: string;
  /** False for a bench that starts no Thicket server, so run.ts need not build the app. */
  needsBuild?: boolean;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

/** Reads a positive number from the environment, or the fallback when unset. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
