import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { onCleanup } from "./cleanup";

/** Where the project lives: bench/lib/ is two levels down. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The local tsx binary, so no npx start-up time leaks into a measurement. */
export const TSX_BIN = `${PROJECT_ROOT}node_modules/.bin/tsx`;

const OUTPUT_TAIL_LINES = 40;

export interface Service {
  readonly child: ChildProcess;
  readonly name: string;
  /** performance.now() at the moment spawn() was called. */
  readonly startedAt: number;
  /** The last lines the process wrote to stdout/stderr, for error messages. */
  outputTail(): string;
  /** performance.now() of the first output line matching `pattern`, or null so far. */
  lineSeenAt(pattern: RegExp): number | null;
  /** Resolves once the process has exited (with its code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`, then waits for the group to vanish. */
  stop(graceMs?: number): Promise<void>;
}

/** A child's environment (Remix's typings make NODE_ENV mandatory in NodeJS.ProcessEnv). */
export type Env = Record<string, string | undefined>;

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env: Env;
  cwd?: string;
}

/** Spawns a command in its own process group so it and all its children can be killed together. */
export function spawnService(opts: SpawnOptions): Service {
  const lines: { at: number; text: string }[] = [];
  const startedAt = performance.now();
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env: opts.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exitedFlag = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      exitedFlag = true;
      resolve({ code, signal });
    });
    child.once("error", () => {
      exitedFlag = true;
      resolve({ code: null, signal: null });
    });
  });

  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const at = performance.now();
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const text of parts) lines.push({ at, text });
      if (lines.length > 2000) lines.splice(0, lines.length - 2000);
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  const pid = child.pid;
  const groupAlive = () => {
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };

  let unregister = () => {};
  const stop = async (graceMs = 5000) => {
    signalGroup("SIGTERM");
    const deadline = performance.now() + graceMs;
    while (groupAlive() && performance.now() < deadline) await sleep(25);
    if (groupAlive()) {
      signalGroup("SIGKILL");
      while (groupAlive()) await sleep(25);
    }
    await exited;
    unregister();
  };
  unregister = onCleanup(() => stop(2000));

  return {
    child,
    name: opts.name,
    startedAt,
    exited,
    hasExited: () => exitedFlag,
    outputTail: () =>
      lines
        .slice(-OUTPUT_TAIL_LINES)
        .map((l) => l.text)
        .join("\n"),
    lineSeenAt: (pattern) => lines.find((l) => pattern.test(l.text))?.at ?? null,
    stop,
  };
}

/** Asks the OS for a port nobody is listening on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WaitOptions {
  intervalMs?: number;
  timeoutMs?: number;
  status?: number;
}

/**
 * Polls `url` until it answers with `status` (no redirects followed) and returns
 * performance.now() of that answer. If the service exits or time runs out, stops its whole
 * process group and throws with its output.
 */
export async function waitForStatus(service: Service, url: string, opts: WaitOptions = {}): Promise<number> {
  const { intervalMs = 20, timeoutMs = 120_000, status = 200 } = opts;
  const deadline = performance.now() + timeoutMs;
  let last = "no answer yet";
  while (performance.now() < deadline) {
    if (service.hasExited()) {
      const { code, signal } = await service.exited;
      await service.stop();
      throw new Error(
        `${service.name} exited (code ${code}, signal ${signal}) before ${url} answered ${status}.\n${service.outputTail()}`,
      );
    }
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === status) return performance.now();
      last = `status ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    await sleep(intervalMs);
  }
  await service.stop();
  throw new Error(`${service.name}: ${url} did not answer ${status} within ${timeoutMs} ms (${last}).\n${service.outputTail()}`);
}
