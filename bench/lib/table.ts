import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./process";
import { type MachineLoad } from "./quiet";

export type Cell = string | number;

const NUMERIC = /^-?[\d.,]+(×|%)?$/;

/** Renders a GitHub-flavoured markdown table; columns of numbers (blanks allowed) are right-aligned. */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, 3, ...text.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map(
    (_, i) => text.some((r) => r[i]) && text.every((r) => !r[i] || NUMERIC.test(r[i] ?? "")),
  );
  const pad = (value: string, i: number) =>
    numeric[i] ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0);
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(headers), rule, ...text.map(line)].join("\n");
}

/** Formats a number with a fixed number of decimals, for table cells. */
export function fixed(value: number, decimals = 1): string {
  return value.toFixed(decimals);
}

export const RESULTS_DIR = path.join(PROJECT_ROOT, "bench", "results");

/** Writes `bench/results/<name>.json` with the machine it ran on, and returns the path. */
export async function writeResult(name: string, data: unknown, load: MachineLoad): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const cpus = os.cpus();
  const envelope = {
    bench: name,
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      totalMemMiB: Math.round(os.totalmem() / 1024 / 1024),
      /** Other work on the machine skews the numbers. */
      ...load,
      loadAvgAfter: os.loadavg().map((v) => Math.round(v * 100) / 100),
    },
    results: data,
  };
  // Three decimals are plenty for milliseconds and ratios.
  const round = (_key: string, value: unknown) =>
    typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  await writeFile(file, `${JSON.stringify(envelope, round, 2)}\n`);
  return file;
}
