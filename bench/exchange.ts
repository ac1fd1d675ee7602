/**
 * `npm run bench -- exchange`: REFI-QDA export and import of a project of 1,000 documents and
 * 100,000 codings on Postgres: the time of GET /api/v1/projects/:id/export.qdpx and of POST
 * /api/v1/projects/import with that file, and the server's memory (RSS from /proc, sampled every
 * 20 ms) during each. Runs of each are sequential, on a freshly started server.
 */
import os from "node:os";
import { envNumber, type Bench } from "./lib/bench";
import { rssKiB } from "./lib/collab-proc";
import { seedCodedProject, randomCodings } from "./lib/coded-project";
import { scriptPid } from "./lib/server-cpu";
import { median } from "./lib/stats";
import { withBenchProject } from "./lib/bench-project";
import { fixed, markdownTable } from "./lib/table";

const DOCUMENTS = 1_000;
const CODINGS = 100_000;
const CODES = 100;
const TEXT_CHARS = 10_000;

/** Runs `fn` while sampling the process's RSS; answers its time, result and the peak seen (MiB). */
async function measured<T>(pid: number, fn: () => Promise<T>) {
  const before = rssKiB(pid) / 1024;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKiB(pid) / 1024);
  }, 20);
  const t = performance.now();
  try {
    const result = await fn();
    return { ms: performance.now() - t, result, before, peak: Math.max(peak, rssKiB(pid) / 1024) };
  } finally {
    clearInterval(timer);
  }
}

export const exchangeBench: Bench = {
  name: "exchange",
  description: `REFI-QDA export and import of ${DOCUMENTS.toLocaleString("en")} documents and ${CODINGS.toLocaleString("en")} codings: time and server RSS (Postgres)`,
  run({ serverRoot }) {
    return withBenchProject(serverRoot, { name: "Exchange bench", env: { MAX_IMPORT_BYTES: String(1024 * 1_048_576) } }, async ({ server, client, base, cookie, projectId, ownerId: owner }) => {
      const pid = await scriptPid(server.service, "server/main.ts");
      const seeded = await seedCodedProject(client, {
        projectId,
        ownerId: owner,
        codes: CODES,
        documents: DOCUMENTS,
        textChars: TEXT_CHARS,
        codingsOf: randomCodings({ perDocument: CODINGS / DOCUMENTS, codes: CODES, minLength: 10, maxLength: 200, authorId: owner }),
      });
      console.error(`exchange: seeded ${seeded.codings} codings in ${fixed(seeded.seedSec, 1)} s`);

      const runs = envNumber("BENCH_EXCHANGE_RUNS", 3);
      const loadBefore = os.loadavg().map((v) => fixed(v, 2));
      const exports: Awaited<ReturnType<typeof measured<Uint8Array<ArrayBuffer>>>>[] = [];
      for (let i = 0; i < runs; i++) {
        exports.push(
          await measured(pid, async () => {
            const res = await fetch(`${base}/api/v1/projects/${projectId}/export.qdpx`, { headers: { cookie } });
            if (res.status !== 200) throw new Error(`export: ${res.status} ${(await res.text()).slice(0, 300)}`);
            return new Uint8Array(await res.arrayBuffer());
          }),
        );
        console.error(`exchange: export ${i + 1} in ${fixed(exports.at(-1)!.ms, 0)} ms, peak RSS ${fixed(exports.at(-1)!.peak, 0)} MiB`);
      }
      const file = exports.at(-1)!.result;
      type Report = { id: string; report: { codes: number; sources: number; codings: number; skipped: unknown[] } };
      const imports: Awaited<ReturnType<typeof measured<Report>>>[] = [];
      for (let i = 0; i < runs; i++) {
        imports.push(
          await measured(pid, async () => {
            const res = await fetch(`${base}/api/v1/projects/import?name=${encodeURIComponent(`Imported ${i + 1}`)}`, {
              method: "POST",
              headers: { cookie, "content-type": "application/zip", accept: "application/json" },
              body: file,
            });
            const text = await res.text();
            if (res.status !== 201) throw new Error(`import: ${res.status} ${text.slice(0, 300)}`);
            return JSON.parse(text) as Report;
          }),
        );
        console.error(`exchange: import ${i + 1} in ${fixed(imports.at(-1)!.ms, 0)} ms, peak RSS ${fixed(imports.at(-1)!.peak, 0)} MiB`);
      }
      const report = imports.at(-1)!.result.report;
      if (report.codings !== CODINGS || report.sources !== DOCUMENTS || report.codes !== CODES) {
        throw new Error(`the import came back with ${JSON.stringify(report).slice(0, 300)}`);
      }
      const loadAfter = os.loadavg().map((v) => fixed(v, 2));
      const row = (label: string, list: { ms: number; before: number; peak: number }[]) => [
        label,
        fixed(median(list.map((r) => r.ms)) / 1000, 2),
        `${fixed(Math.min(...list.map((r) => r.ms)) / 1000, 2)}–${fixed(Math.max(...list.map((r) => r.ms)) / 1000, 2)}`,
        `${fixed(list[0]!.before, 0)} → ${fixed(Math.max(...list.map((r) => r.peak)), 0)}`,
      ];
      const markdown = [
        `### exchange: ${DOCUMENTS.toLocaleString("en")} documents of ${TEXT_CHARS.toLocaleString("en")} characters, ${CODES} codes, ${CODINGS.toLocaleString("en")} codings; ${runs} runs each (Postgres)`,
        "",
        markdownTable(
          ["request", "median (s)", "range (s)", "server RSS before → peak (MiB)"],
          [row("GET export.qdpx", exports), row("POST import (the exported file)", imports)],
        ),
        "",
        `The .qdpx is ${fixed(file.length / 1_048_576, 1)} MiB; the import reported ${report.codes} codes, ${report.sources} sources, ${report.codings.toLocaleString("en")} codings, ${report.skipped.length} skipped. ` +
          `Load average before / after: ${loadBefore.join(", ")} / ${loadAfter.join(", ")} (${os.cpus().length} CPUs). Seeding took ${fixed(seeded.seedSec, 1)} s.`,
      ].join("\n");
      const strip = (list: { ms: number; before: number; peak: number }[]) => list.map(({ ms, before, peak }) => ({ ms, rssBeforeMiB: before, rssPeakMiB: peak }));
      const json = {
        database: "PostgreSQL (fresh database, dropped afterwards)",
        fixture: { documents: DOCUMENTS, codings: CODINGS, codes: CODES, textChars: TEXT_CHARS, seedSec: seeded.seedSec },
        qdpxBytes: file.length,
        export: strip(exports),
        import: strip(imports),
        report: { ...report, skipped: report.skipped.slice(0, 20) },
        loadAverage: { before: loadBefore, after: loadAfter },
      };
      return { markdown, json };
    });
  },
};
