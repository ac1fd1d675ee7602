/**
 * `npm run bench [-- <name>...]`: runs the benches in order, prints a markdown table for each
 * and writes bench/results/<name>.json. Builds the app first if build/ is missing (unless every
 * selected bench says it needs no build).
 */
import os from "node:os";
import path from "node:path";
import { agreementBench } from "./agreement";
import { apiProjectsBench } from "./api-projects";
import { classifierBench } from "./classifier";
import { collabBench } from "./collab";
import { cooccurrenceBench } from "./cooccurrence";
import { datasetImportBench } from "./dataset-import";
import { durabilityBench } from "./durability";
import { editorRenderBench } from "./editor-render";
import { exchangeBench } from "./exchange";
import { findingPageBench } from "./finding-page";
import { estimatesBench } from "./estimates";
import { envNumber, type Bench } from "./lib/bench";
import { ensureBuild } from "./lib/build";
import { runCleanups } from "./lib/cleanup";
import { PROJECT_ROOT } from "./lib/process";
import { checkMachine } from "./lib/quiet";
import { writeResult } from "./lib/table";
import { matrixBench } from "./matrix";
import { scoringBench } from "./scoring";
import { startupBench } from "./startup";
import { submissionsBench } from "./submissions";

const BENCHES: Bench[] = [startupBench, apiProjectsBench, collabBench, editorRenderBench, datasetImportBench, matrixBench, submissionsBench, findingPageBench, agreementBench, cooccurrenceBench, exchangeBench, classifierBench, estimatesBench, durabilityBench, scoringBench];

function selectBenches(names: string[]): Bench[] {
  if (names.length === 0) return BENCHES;
  return names.map((name) => {
    const bench = BENCHES.find((b) => b.name === name);
    if (!bench) {
      const known = BENCHES.map((b) => `  ${b.name}: ${b.description}`).join("\n");
      console.error(`Unknown bench "${name}". Available:\n${known}`);
      process.exit(2);
    }
    return bench;
  });
}

// Ctrl-C reaches npm, tsx and us, and npm may follow up with SIGTERM: clean up once, then exit.
let interrupted: Promise<void> | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    console.error(`\n${signal}: stopping servers and dropping bench databases`);
    interrupted = runCleanups().finally(() => process.exit(130));
  });
}

const selected = selectBenches(process.argv.slice(2));
if (selected.some((bench) => bench.needsBuild !== false)) await ensureBuild();
const waitQuietSec = process.env.BENCH_WAIT_QUIET ? envNumber("BENCH_WAIT_QUIET", 0) : 0;
let failures = 0;
for (const bench of selected) {
  console.error(`\n== ${bench.name}: ${bench.description}`);
  const machine = await checkMachine(waitQuietSec);
  if (machine.cpuBusyPercentBefore > 25) {
    console.error(
      `warning: the CPUs were ${machine.cpuBusyPercentBefore}% busy before the bench; other work will skew the numbers ` +
        "(BENCH_WAIT_QUIET=<seconds> waits for a quiet machine)",
    );
  }
  try {
    const outcome = await bench.run({ serverRoot: PROJECT_ROOT });
    const file = await writeResult(bench.name, outcome.json, machine);
    const note = `Machine: ${os.cpus().length} CPUs, ${machine.cpuBusyPercentBefore}% busy in the second before the bench.`;
    console.log(`\n${outcome.markdown}\n\n${note}\n`);
    console.error(`results: ${path.relative(PROJECT_ROOT, file)}`);
  } catch (err) {
    failures++;
    console.error(`bench ${bench.name} FAILED:`, err instanceof Error ? err.message : err);
  }
}
await runCleanups(); // anything a failed bench left behind
if (failures > 0) {
  console.error(`\n${failures} bench(es) failed`);
  process.exit(1);
}
// Clients (a y-websocket provider's timers, a browser's pipes) can outlive a bench by a moment;
// everything is written and cleaned up by now, so do not wait for them.
process.exit(0);
