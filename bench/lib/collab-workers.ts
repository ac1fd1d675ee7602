import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { onCleanup } from "./cleanup";
import type { Command, Response } from "./collab-protocol";
import { PROJECT_ROOT } from "./process";

const WORKER_ENTRY = path.join(PROJECT_ROOT, "bench/collab-worker.ts");

/** One client worker process (bench/collab-worker.ts), driven over IPC. */
export class ClientWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly output: string[] = [];
  private exitedWith: string | null = null;
  private readonly unregister: () => void;
  readonly ready: Promise<void>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      if (this.output.length > 40) this.output.splice(0, this.output.length - 40);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let markReady: () => void = () => {};
    let failReady: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    child.on("message", (message: Response) => {
      if (message.id === 0) return markReady();
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${this.name}: ${message.error}`));
    });
    child.once("exit", (code, signal) => {
      this.exitedWith = `exited (code ${code}, signal ${signal})`;
      const err = new Error(`${this.name} ${this.exitedWith}\n${this.output.join("\n")}`);
      failReady(err);
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    });
    this.unregister = onCleanup(() => this.stop());
  }

  /** Forks a worker in its own process group (Ctrl-C cleanup kills it through the group). */
  static async start(name: string): Promise<ClientWorker> {
    const child = fork(WORKER_ENTRY, [], {
      cwd: PROJECT_ROOT,
      execArgv: ["--import", "tsx"],
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "advanced",
    });
    const worker = new ClientWorker(name, child);
    await Promise.race([
      worker.ready,
      sleep(60_000).then(() => {
        throw new Error(`${name} did not start within 60 s`);
      }),
    ]);
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Sends one command and waits for its answer (rejects after `timeoutMs`). */
  request<T>(command: Command, timeoutMs = 120_000): Promise<T> {
    if (this.exitedWith) return Promise.reject(new Error(`${this.name} ${this.exitedWith}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: "${command.cmd}" got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ id, ...command });
    });
  }

  /** SIGTERM to the worker's group, SIGKILL if it lingers. */
  async stop(): Promise<void> {
    this.unregister();
    const pid = this.child.pid;
    if (pid === undefined || this.exitedWith) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-pid, s);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(3000).then(() => false)]);
    if (!done) {
      signal("SIGKILL");
      await exited;
    }
  }
}
