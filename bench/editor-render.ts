import { chromium, type Browser } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { addCoding } from "../app/lib/collab/doc-model";
import { chromiumLaunchOptions } from "../tests/setup/chromium";
import { newId } from "../db/ids";
import { envNumber, type Bench } from "./lib/bench";
import { createBenchDatabase } from "./lib/pg";
import { median } from "./lib/stats";
import { fixed, markdownTable } from "./lib/table";
import { startThicket, type RunningServer } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";
import { makeTranscript, seeded } from "./lib/transcript";

const CHARS = 1_000_000;
const CODINGS = 5_000;
const CODES = 12;

async function api<T>(server: RunningServer, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(server.baseUrl + path, {
    method,
    headers: { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/**
 * Project, 12 codes, a 1 MB transcript, and 5,000 codings added by one real y-websocket client
 * in a single transaction (5,000 API calls would take minutes).
 */
async function seed(server: RunningServer) {
  const cookie = await signupUser(server.baseUrl, `render-${Date.now()}@bench.example`, "bench-password-1", "Render Bench");
  const me = await api<{ user: { id: string } }>(server, cookie, "GET", "/api/v1/me");
  const project = await api<{ id: string }>(server, cookie, "POST", "/api/v1/projects", { name: "Render bench" });
  const codes: string[] = [];
  for (let i = 0; i < CODES; i++) {
    codes.push((await api<{ id: string }>(server, cookie, "POST", `/api/v1/projects/${project.id}/codes`, { name: `Code ${i + 1}` })).id);
  }
  const text = makeTranscript(CHARS);
  const doc = await api<{ id: string }>(server, cookie, "POST", `/api/v1/projects/${project.id}/documents`, {
    title: "Long interview",
    kind: "interview",
    text,
  });
  const { token } = await api<{ token: string }>(server, cookie, "POST", "/api/v1/tokens", { name: "render bench" });
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.baseUrl.replace("http", "ws")}/collab`, doc.id, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the seeding client never synced")), 60_000);
    provider.on("sync", (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const rand = seeded(7);
  ydoc.transact(() => {
    for (let i = 0; i < CODINGS; i++) {
      const start = Math.floor(rand() * (CHARS - 500));
      const end = start + 20 + Math.floor(rand() * 400);
      addCoding(ydoc, newId(), { codeId: codes[i % CODES]!, start, end, authorId: me.user.id });
    }
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const live = await api<{ codings: unknown[] }>(server, cookie, "GET", `/api/v1/documents/${doc.id}`);
    if (live.codings.length === CODINGS) break;
    if (Date.now() > deadline) throw new Error(`only ${live.codings.length} codings reached the server`);
    await new Promise((r) => setTimeout(r, 200));
  }
  provider.destroy();
  return { cookie, path: `/projects/${project.id}/documents/${doc.id}` };
}

/** Opens the document in a fresh browser context; ms from navigation start to highlights drawn. */
async function open(browser: Browser, server: RunningServer, cookie: string, path: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await context.newPage();
    await page.goto(server.baseUrl + path);
    await page.waitForFunction(() => performance.getEntriesByName("thicket:highlights-drawn").length > 0, null, {
      timeout: 60_000,
    });
    return page.evaluate(() => performance.getEntriesByName("thicket:highlights-drawn")[0]!.startTime);
  } finally {
    await context.close();
  }
}

export const editorRenderBench: Bench = {
  name: "editor-render",
  description: `Chromium opens a ${CHARS / 1e6} MB transcript with ${CODINGS.toLocaleString("en-GB")} codings: time until highlights are drawn`,
  async run(ctx) {
    const runs = envNumber("BENCH_RENDER_RUNS", 3);
    const db = await createBenchDatabase();
    let server = await startThicket(ctx.serverRoot, { DATABASE_URL: db.url });
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const { cookie, path } = await seed(server);
      // Warm: the document is already live in the server's memory.
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push(await open(browser, server, cookie, path));
      // Cold: a restarted server loads it from Postgres (snapshot + log) first.
      const cold: number[] = [];
      for (let i = 0; i < runs; i++) {
        await server.service.stop();
        server = await startThicket(ctx.serverRoot, { DATABASE_URL: db.url });
        cold.push(await open(browser, server, cookie, path));
      }
      const row = (label: string, xs: number[]) => [label, runs, fixed(median(xs), 0), fixed(Math.min(...xs), 0), fixed(Math.max(...xs), 0)];
      return {
        markdown: markdownTable(
          ["Document already live on the server?", "Runs", "Median ms", "Min ms", "Max ms"],
          [row("yes (warm)", warm), row("no: loaded from Postgres first (cold)", cold)],
        ),
        json: { chars: CHARS, codings: CODINGS, codes: CODES, goalMs: 1000, warmMs: warm, coldMs: cold },
      };
    } finally {
      await browser.close();
      await server.service.stop();
      await db.drop();
    }
  },
};
