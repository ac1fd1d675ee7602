/**
 * A client worker for the collab bench: hosts many stock y-websocket clients (WebsocketProvider
 * with `ws` as its WebSocket, authenticated with `?token=`, exactly as tests/setup/collab-client.ts
 * connects) and runs what bench/collab.ts asks over IPC (bench/lib/collab-protocol.ts).
 * Run with `node --import tsx bench/collab-worker.ts` by child_process.fork; exits when its
 * parent goes away.
 */
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  MARKER_PATTERN,
  marker,
  monotonicMs,
  type ClientStats,
  type Command,
  type ConnectResult,
  type DrainResult,
  type Request,
  type Response,
  type WriteResult,
} from "./lib/collab-protocol";

// Every provider adds a process "exit" listener: thousands of them are expected here.
process.setMaxListeners(0);

interface Common {
  key: number;
  room: string;
  closes: number;
  lastCloseCode: number | null;
  /** Markers of the armed run seen by this client. */
  seen: number;
}

/** A stock y-websocket client. */
interface YjsClient extends Common {
  kind: "yjs";
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
}

/** A bare websocket on the same URL that notes when markers arrive, without any Yjs work. */
interface ProbeClient extends Common {
  kind: "probe";
  ws: WebSocket;
  /** The server has sent something, so it has registered this peer. */
  heard: boolean;
}

type Client = YjsClient | ProbeClient;

const clients = new Map<number, Client>();
let armedRun = -1;
let receipts = new Float64Array(4 * 4096);
let receiptCount = 0;

function record(observer: number, writer: number, seq: number, at: number) {
  const at4 = receiptCount * 4;
  if (at4 + 4 > receipts.length) {
    const grown = new Float64Array(receipts.length * 2);
    grown.set(receipts);
    receipts = grown;
  }
  receipts[at4] = observer;
  receipts[at4 + 1] = writer;
  receipts[at4 + 2] = seq;
  receipts[at4 + 3] = at;
  receiptCount++;
}

function createClient(wsBase: string, token: string, key: number, room: string): YjsClient {
  const doc = new Y.Doc();
  const text = doc.getText("text");
  const provider = new WebsocketProvider(`${wsBase}/collab`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  const client: YjsClient = { kind: "yjs", key, room, doc, text, provider, closes: 0, lastCloseCode: null, seen: 0 };
  provider.on("connection-close", (event) => {
    client.closes++;
    client.lastCloseCode = event?.code ?? null;
  });
  // An observer notes when its Y.Text shows each marker of the armed run written by someone else.
  // The time is taken in the Y.Text observer; which markers arrived is read from the bytes of the
  // update that carried them (the doc's "update" event, in the same transaction's clean-up, a few
  // µs later). YTextEvent.delta would say the same but walks the whole text per event, which with
  // thousands of interleaved edits costs ~0.1 ms per update and would make the clients the
  // bottleneck of the many-writers scenario.
  let observedAt = 0;
  text.observe(() => {
    observedAt = monotonicMs();
  });
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    const at = observedAt;
    observedAt = 0;
    if (armedRun < 0 || origin !== provider || at === 0) return;
    const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("latin1");
    if (!bytes.includes("[")) return;
    for (const m of bytes.matchAll(MARKER_PATTERN)) {
      const run = Number(m[1]);
      const writer = Number(m[2]);
      if (run !== armedRun || writer === key) continue;
      record(key, writer, Number(m[3]), at);
      client.seen++;
    }
  });
  return client;
}

/** y-websocket's framing: messageSync (0), then messageYjsUpdate (2), then the update. */
const isUpdateMessage = (data: Buffer) => data.length > 2 && data[0] === 0 && data[1] === 2;

function createProbe(wsBase: string, token: string, key: number, room: string): ProbeClient {
  const ws = new WebSocket(`${wsBase}/collab/${encodeURIComponent(room)}?token=${encodeURIComponent(token)}`);
  const probe: ProbeClient = { kind: "probe", key, room, ws, heard: false, closes: 0, lastCloseCode: null, seen: 0 };
  ws.on("message", (data: Buffer) => {
    const at = monotonicMs();
    probe.heard = true;
    if (armedRun < 0 || !isUpdateMessage(data)) return;
    const bytes = data.toString("latin1");
    if (!bytes.includes("[")) return;
    for (const m of bytes.matchAll(MARKER_PATTERN)) {
      if (Number(m[1]) !== armedRun) continue;
      record(key, Number(m[2]), Number(m[3]), at);
      probe.seen++;
    }
  });
  ws.on("close", (code) => {
    probe.closes++;
    probe.lastCloseCode = code;
  });
  ws.on("error", () => {});
  return probe;
}

const ready = (cl: Client) => (cl.kind === "yjs" ? cl.provider.synced : cl.heard && cl.ws.readyState === WebSocket.OPEN);

async function until(check: () => boolean, timeoutMs: number, intervalMs = 5): Promise<boolean> {
  const deadline = monotonicMs() + timeoutMs;
  while (!check()) {
    if (monotonicMs() > deadline) return false;
    await sleep(intervalMs);
  }
  return true;
}

async function connect(c: Extract<Command, { cmd: "connect" }>): Promise<ConnectResult> {
  const started = monotonicMs();
  const batch: Client[] = [];
  for (const spec of c.clients) {
    if (clients.has(spec.key)) throw new Error(`client ${spec.key} already exists`);
    const client = spec.probe
      ? createProbe(c.wsBase, c.token, spec.key, spec.room)
      : createClient(c.wsBase, c.token, spec.key, spec.room);
    clients.set(spec.key, client);
    batch.push(client);
  }
  const ok = await until(() => batch.every(ready), c.timeoutMs);
  if (!ok) {
    const pending = batch.filter((cl) => !ready(cl));
    const sample = pending[0];
    throw new Error(
      `${pending.length}/${batch.length} clients not synced after ${c.timeoutMs} ms` +
        (sample ? ` (e.g. client ${sample.key}: ${sample.closes} closes, last code ${sample.lastCloseCode})` : ""),
    );
  }
  if (c.seed !== undefined) {
    for (const spec of c.clients) {
      if (!spec.seeds) continue;
      const cl = yjsClientOf(spec.key);
      if (cl.text.length === 0) cl.text.insert(0, c.seed);
    }
  }
  return { connected: batch.length, ms: monotonicMs() - started };
}

function yjsClientOf(key: number): YjsClient {
  const client = clients.get(key);
  if (!client || client.kind !== "yjs") throw new Error(`no Yjs client ${key} on this worker`);
  return client;
}

async function write(c: Extract<Command, { cmd: "write" }>): Promise<WriteResult> {
  const sends = new Float64Array(c.writers.length * c.count * 3);
  let n = 0;
  const start = monotonicMs();
  await Promise.all(
    c.writers.map(async (key, i) => {
      const client = yjsClientOf(key);
      const first = start + (c.phaseMs[i] ?? 0);
      for (let seq = 0; seq < c.count; seq++) {
        // Scheduled against the start, so a late timer does not shift every later edit.
        const wait = first + seq * c.intervalMs - monotonicMs();
        if (wait > 0) await sleep(wait);
        const at = monotonicMs();
        // The provider sends the update from inside this call (its doc "update" handler).
        client.text.insert(client.text.length, marker(c.run, key, seq));
        sends[n * 3] = key;
        sends[n * 3 + 1] = seq;
        sends[n * 3 + 2] = at;
        n++;
      }
    }),
  );
  return { sends: sends.subarray(0, n * 3) };
}

async function drain(c: Extract<Command, { cmd: "drain" }>): Promise<DrainResult> {
  const expected = (cl: Client) => c.total - (c.sentBy[cl.key] ?? 0);
  const complete = await until(() => [...clients.values()].every((cl) => cl.seen >= expected(cl)), c.timeoutMs);
  let missing = 0;
  for (const cl of clients.values()) missing += Math.max(0, expected(cl) - cl.seen);
  return { complete, missing };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function stats(): ClientStats[] {
  return [...clients.values()].map((cl) => ({
    key: cl.key,
    room: cl.room,
    probe: cl.kind === "probe",
    synced: ready(cl),
    connected: cl.kind === "yjs" ? cl.provider.wsconnected : cl.ws.readyState === WebSocket.OPEN,
    textLength: cl.kind === "yjs" ? cl.text.length : -1,
    textHash: cl.kind === "yjs" ? fnv1a(cl.text.toString()) : 0,
    closes: cl.closes,
    lastCloseCode: cl.lastCloseCode,
  }));
}

async function closeAll(): Promise<number> {
  const all = [...clients.values()];
  clients.clear();
  armedRun = -1;
  for (const cl of all) {
    if (cl.kind === "yjs") {
      cl.provider.destroy();
      cl.doc.destroy();
    } else {
      cl.ws.close();
    }
  }
  return all.length;
}

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case "connect":
      return connect(c);
    case "arm":
      armedRun = c.run;
      receiptCount = 0;
      for (const cl of clients.values()) cl.seen = 0;
      return null;
    case "write":
      return write(c);
    case "drain":
      return drain(c);
    case "receipts":
      return receipts.slice(0, receiptCount * 4);
    case "stats":
      return stats();
    case "close":
      return closeAll();
  }
}

process.on("message", (message: Request) => {
  const reply = (response: Response) => process.send?.(response);
  handle(message).then(
    (result) => reply({ id: message.id, ok: true, result }),
    (err: unknown) => reply({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
// The bench went away (finished, crashed or was killed): so do we.
process.on("disconnect", () => process.exit(0));
process.send?.({ id: 0, ok: true, result: "ready" } satisfies Response);
