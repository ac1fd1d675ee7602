/**
 * A server's inspector: forces full garbage collections (so resident memory is read without
 * whatever garbage happens to be waiting), reads process.memoryUsage() and takes CPU profiles of
 * exactly the measured windows. A server started with
 * `--inspect=127.0.0.1:0` prints "Debugger listening on ws://127.0.0.1:<port>/…" (tsx's launcher
 * does too; the target whose main module is `script` is the one we want).
 */
import WebSocket from "ws";

const LISTENING = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//g;

interface InspectorTarget {
  url: string;
  webSocketDebuggerUrl: string;
}

export const INSPECT_FLAG = "--inspect=127.0.0.1:0";

export class Inspector {
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {}

  static async attach(output: string, script: string): Promise<Inspector> {
    const ports = [...output.matchAll(LISTENING)].map((m) => m[1]);
    for (const port of ports) {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as InspectorTarget[];
      const target = targets.find((t) => t.url.endsWith(script));
      if (!target) continue;
      const ws = new WebSocket(target.webSocketDebuggerUrl);
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      return new Inspector(ws);
    }
    throw new Error(`no inspector for ${script} in the server's output (ports ${ports.join(", ") || "none"})`);
  }

  private call<T>(method: string, params: unknown = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), timeoutMs);
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: T; error?: { message: string } };
        if (message.id !== id) return;
        this.ws.off("message", onMessage);
        clearTimeout(timer);
        if (message.error) reject(new Error(`inspector: ${method}: ${message.error.message}`));
        else resolve(message.result as T);
      };
      this.ws.on("message", onMessage);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** HeapProfiler.collectGarbage: a full, memory-reducing GC. Resolves with its duration in ms. */
  async gc(): Promise<number> {
    const started = performance.now();
    await this.call("HeapProfiler.collectGarbage");
    return performance.now() - started;
  }

  /** Starts the V8 CPU profiler (sampling every `intervalUs`). */
  async startProfile(intervalUs = 500): Promise<void> {
    await this.call("Profiler.enable");
    await this.call("Profiler.setSamplingInterval", { interval: intervalUs });
    await this.call("Profiler.start");
  }

  /** Stops the profiler and returns the profile (the JSON a .cpuprofile file holds). */
  async stopProfile(): Promise<unknown> {
    const { profile } = await this.call<{ profile: unknown }>("Profiler.stop", {}, 120_000);
    await this.call("Profiler.disable");
    return profile;
  }

  /** The server's own view of its memory (process.memoryUsage()), in bytes. */
  async memoryUsage(): Promise<NodeJS.MemoryUsage> {
    const { result } = await this.call<{ result: { value: string } }>("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    });
    return JSON.parse(result.value) as NodeJS.MemoryUsage;
  }

  close() {
    this.ws.close();
  }
}
