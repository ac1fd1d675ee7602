/**
 * What the collab bench reads about processes from /proc (Linux only): CPU time, resident
 * memory, and which process under `tsx` is the real server.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

let clockTicks: number | null = null;

function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** The fields of /proc/<pid>/stat after the command name (field 3, "state", is index 0). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** User + system CPU seconds the process has used so far (0 if it is gone). */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  if (!f) return 0;
  return (Number(f[11]) + Number(f[12])) / ticksPerSecond();
}

/**
 * Seconds the process's main thread has spent waiting on a run queue (ready but not running,
 * /proc/<pid>/schedstat): how much other work on the machine delayed it.
 */
export function runQueueWaitSeconds(pid: number): number {
  try {
    const [, waitNs] = readFileSync(`/proc/${pid}/schedstat`, "utf8").trim().split(" ");
    return Number(waitNs) / 1e9;
  } catch {
    return 0;
  }
}

/** VmRSS of the process in KiB. */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const ppid = Number(statFields(pid)?.[1] ?? -1);
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * `tsx script.ts` runs the script in a child `node` process: this finds that process (the
 * deepest descendant of `rootPid` whose command line names the script).
 */
export async function findScriptProcess(rootPid: number, script: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = descendants(rootPid).filter((pid) => cmdline(pid).includes(script) && cmdline(pid).includes("--import"));
    if (found.length > 0) return found[found.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no process running ${script} under pid ${rootPid}`);
    await sleep(50);
  }
}

/** The Postgres backends serving `database` (their command line names it). */
function backendsOf(database: string): number[] {
  return allPids().filter((pid) => comm(pid).startsWith("postgres") && cmdline(pid).includes(` ${database} `));
}

/**
 * CPU time of one database's Postgres backends over a window. Backends come and go (the pool
 * closes idle ones), so they are polled: a backend that exits keeps its last polled time, and one
 * that starts during the window counts from zero.
 */
export class BackendCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly database: string,
    intervalMs = 200,
  ) {
    for (const pid of backendsOf(database)) {
      const cpu = cpuSeconds(pid);
      this.first.set(pid, cpu);
      this.last.set(pid, cpu);
    }
    this.timer = setInterval(() => this.poll(), intervalMs);
  }

  private poll() {
    for (const pid of backendsOf(this.database)) {
      if (!this.first.has(pid)) this.first.set(pid, 0);
      this.last.set(pid, cpuSeconds(pid));
    }
  }

  /** CPU seconds used in the window so far (polls once more first). */
  seconds(): number {
    this.poll();
    let total = 0;
    for (const [pid, cpu] of this.last) total += cpu - (this.first.get(pid) ?? 0);
    return total;
  }

  stop() {
    clearInterval(this.timer);
  }
}

/** Measures CPU use of some processes over a window, as % of one core. */
export class CpuWindow {
  private readonly startedAt = performance.now();
  private readonly before: number[];

  constructor(private readonly read: (() => number)[]) {
    this.before = read.map((r) => r());
  }

  /** % of one core for each reader since construction. */
  percent(): number[] {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return this.read.map((r, i) => (100 * (r() - (this.before[i] ?? 0))) / seconds);
  }
}

export interface ProcSample {
  /** Monotonic ms (the clock bench/lib/collab-protocol.ts's monotonicMs reads). */
  at: number;
  /** Cumulative CPU seconds and run-queue wait seconds, summed over the group's processes. */
  cpu: number;
  wait: number;
}

/** Polls CPU and run-queue wait of groups of processes, so a stall can be matched to its cause. */
export class ProcSampler {
  readonly samples = new Map<string, ProcSample[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly groups: Record<string, number[]>,
    intervalMs = 100,
  ) {
    for (const name of Object.keys(groups)) this.samples.set(name, []);
    this.poll();
    this.timer = setInterval(() => this.poll(), intervalMs);
  }

  private poll() {
    const at = Number(process.hrtime.bigint()) / 1e6;
    for (const [name, pids] of Object.entries(this.groups)) {
      let cpu = 0;
      let wait = 0;
      for (const pid of pids) {
        cpu += cpuSeconds(pid);
        wait += runQueueWaitSeconds(pid);
      }
      this.samples.get(name)!.push({ at, cpu, wait });
    }
  }

  stop() {
    clearInterval(this.timer);
    this.poll();
  }

  /** CPU and wait ms of a group between two monotonic times (from the nearest samples). */
  between(name: string, from: number, to: number): { cpuMs: number; waitMs: number } {
    const s = this.samples.get(name) ?? [];
    const at = (t: number) => s.find((x) => x.at >= t) ?? s[s.length - 1];
    const a = at(from);
    const b = at(to);
    if (!a || !b) return { cpuMs: 0, waitMs: 0 };
    return { cpuMs: (b.cpu - a.cpu) * 1000, waitMs: (b.wait - a.wait) * 1000 };
  }
}
