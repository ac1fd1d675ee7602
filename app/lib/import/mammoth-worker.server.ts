/**
 * mammoth, in a worker thread of its own. mammoth unzips (JSZip) and parses the Word XML
 * synchronously, so on the main thread a pathological document froze every request and
 * websocket for minutes and kept gigabytes. In a worker it has a heap limit and a deadline;
 * past either, the worker is ended and its memory goes with it. ADR 0121.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

export interface MammothLimits {
  /** The worker's old-generation heap, in MB. */
  heapMb: number;
  timeoutMs: number;
}

export const MAMMOTH_LIMITS: MammothLimits = { heapMb: 512, timeoutMs: 30_000 };

export type MammothResult = { text: string } | { failure: "damaged" | "timeout" | "memory" };

/** Resolved where this module runs (the source, or the server build): node_modules is above both. */
const MAMMOTH_PATH = createRequire(import.meta.url).resolve("mammoth");

/**
 * The worker's code, as a string: the server is bundled into one file, so there is no worker
 * file to point at. It only loads mammoth by its resolved path and answers once.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { bytes, mammothPath } = workerData;
require(mammothPath)
  .extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
  .then((result) => parentPort.postMessage({ text: result.value }), () => parentPort.postMessage({ failure: "damaged" }));
`;

/** At most this many conversions at once; the rest wait their turn (each may take `heapMb`). */
const MAX_RUNNING = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** mammoth.extractRawText on `bytes`, bounded; the bytes are copied into the worker. */
export async function extractRawTextInWorker(bytes: Uint8Array, limits: MammothLimits = MAMMOTH_LIMITS): Promise<MammothResult> {
  const done = await turn();
  try {
    return await new Promise<MammothResult>((resolve) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { bytes, mammothPath: MAMMOTH_PATH },
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
      });
      let settled = false;
      const settle = (result: MammothResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(result);
      };
      const timer = setTimeout(() => settle({ failure: "timeout" }), limits.timeoutMs);
      worker.once("message", (message: MammothResult) => settle(message));
      worker.once("error", (err: Error & { code?: string }) => settle({ failure: err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "damaged" }));
      worker.once("exit", () => settle({ failure: "damaged" }));
    });
  } finally {
    done();
  }
}
