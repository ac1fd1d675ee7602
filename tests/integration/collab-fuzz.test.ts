import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { textOf } from "~/lib/collab/doc-model";
import { signedUpClient } from "../setup/api-client";
import { until, waitFor } from "../setup/collab-client";
import { useLiveServer, wsToken } from "../setup/live-server";
import { awarenessMessage, craftUpdate, insertUpdate, rawSocket, syncMessage } from "../setup/raw-collab";

/**
 * A seeded fuzz of the websocket protocol: a raw socket sends random and mutated y-protocols
 * messages while two stock y-websocket clients keep editing. Replay a failure with the seed it
 * prints: FUZZ_SEED=<seed> npx vitest run tests/integration/collab-fuzz.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_MESSAGES = 300;
const MAX_MS = 8_000;

const live = useLiveServer({ collab: { flushIntervalMs: 20 } });

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

function randomBytes(r: Rng, max: number) {
  return Uint8Array.from({ length: r.int(max) }, () => r.int(256));
}

function flipBytes(r: Rng, bytes: Uint8Array) {
  const out = Uint8Array.from(bytes);
  for (let i = 0, n = 1 + r.int(3); i < n && out.length > 0; i++) {
    const at = r.int(out.length);
    out[at] = out[at]! ^ (1 << r.int(8));
  }
  return out;
}

/** A message with a varUint header followed by a length that promises far more than follows. */
function hugeLength(r: Rng) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, r.pick([0, 1]));
  encoding.writeVarUint(e, r.pick([0, 1, 2]));
  encoding.writeVarUint(e, r.pick([2 ** 31, 2 ** 53 - 1, 0xffffffff, 1 << 24]));
  encoding.writeUint8Array(e, randomBytes(r, 16));
  return encoding.toUint8Array(e);
}

/** One hostile message, given the honest peers' doc state and client ids. */
function hostileMessage(r: Rng, state: Uint8Array, honestIds: number[], ownId: number): Uint8Array {
  const valid = () => insertUpdate(state, ownId, r.int(50), "z");
  switch (r.int(14)) {
    case 0:
      return randomBytes(r, 64);
    case 1:
      return syncMessage(0, randomBytes(r, 12)); // sync step 1 with a garbage state vector
    case 2:
      return syncMessage(0, Y.encodeStateVector(new Y.Doc())); // an honest-looking sync request
    case 3:
      return syncMessage(r.pick([1, 2] as const), valid()); // a valid edit under the socket's own id
    case 4:
      return syncMessage(r.pick([1, 2] as const), flipBytes(r, valid())); // the same with bytes flipped
    case 5: {
      const m = syncMessage(2, valid());
      return m.slice(0, r.int(m.length)); // truncated
    }
    case 6:
      return new Uint8Array([r.pick([0, 1]), ...Array.from({ length: 1 + r.int(9) }, () => 0x80 | r.int(128))]); // a varint that never ends
    case 7:
      return new Uint8Array([r.pick([2, 4, 5, 100, 127]), ...randomBytes(r, 8)]); // wrong message types
    case 8:
      return new Uint8Array([0, r.pick([3, 7, 99]), ...randomBytes(r, 8)]); // wrong sync types
    case 9:
      return hugeLength(r);
    case 10: {
      const client = 1_000_000 + r.int(1_000_000);
      const clock = r.int(4);
      return syncMessage(2, craftUpdate([[client, clock, Y.createID(client, clock + r.int(3)), "self"]])); // refers to itself
    }
    case 11:
      return syncMessage(2, craftUpdate([[ownId, r.int(3), Y.createID(3_000_000 + r.int(1000), r.int(9)), "orphan"]])); // a missing parent
    case 12:
      return syncMessage(2, insertUpdate(state, r.pick(honestIds), r.int(50), "FOREIGN")); // under an honest peer's id
    default:
      return awarenessMessage([[r.pick(honestIds), 1 + r.int(1000), { user: { name: "impostor" }, cursor: null }]]); // someone else's presence
  }
}

describe("fuzzing the websocket protocol", () => {
  it(`keeps the server up and honest peers converging (seed ${SEED})`, async () => {
    const r = rng(SEED);
    // The honest peers' typing has its own stream, so the hostile messages replay exactly.
    const typist = rng(SEED ^ 0x5bd1e995);
    try {
      const owner = await signedUpClient(live.server.url, "Owner");
      const coder = await signedUpClient(live.server.url, "Coder");
      const hostile = await signedUpClient(live.server.url, "Hostile");
      const { body: project } = await owner.client.post("/api/v1/projects", { name: "Fuzz" });
      for (const who of [coder, hostile]) {
        await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: who.user.email, role: "coder" });
      }
      const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, {
        title: "Fuzzed",
        kind: "interview",
        text: "An honest start.",
      });
      const a = live.open(doc.id, await wsToken(owner.client));
      const b = live.open(doc.id, await wsToken(coder.client));
      await Promise.all([a.synced(), b.synced()]);
      const hostileToken = await wsToken(hostile.client);

      // The honest peers type a character each, in turns, all along.
      let typing = true;
      let typed = 0;
      const honest = (async () => {
        while (typing) {
          const peer = typed % 2 === 0 ? a : b;
          const t = textOf(peer.doc);
          t.insert(typist.int(t.length + 1), String.fromCharCode(97 + (typed % 26)));
          typed++;
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })();

      const started = Date.now();
      let sent = 0;
      let refused = 0;
      while (sent < MAX_MESSAGES && Date.now() - started < MAX_MS) {
        const raw = await rawSocket(live.server.url, doc.id, hostileToken);
        const ownId = 4_000_000 + r.int(1_000_000);
        // A burst of messages back to back, then a round trip: the socket was either answered or closed.
        for (let i = 0, n = 1 + r.int(6); i < n; i++, sent++) {
          if (raw.ws.readyState !== raw.ws.OPEN) break;
          raw.ws.send(hostileMessage(r, Y.encodeStateAsUpdate(a.doc), [a.doc.clientID, b.doc.clientID], ownId));
        }
        if ((await raw.roundTrip()) === "closed") refused++;
        raw.ws.close();
        await raw.closed;
      }
      typing = false;
      await honest;

      // The server is up, the honest peers agree, and so does what the API serves.
      expect(sent).toBeGreaterThan(50);
      expect(refused).toBeGreaterThan(0);
      const mark = `done-${SEED}`;
      textOf(a.doc).insert(0, mark);
      await waitFor(() => b.text().startsWith(mark) && a.text() === b.text(), "the honest peers converging", 10_000);
      expect(a.text()).not.toContain("FOREIGN");
      expect(a.doc.store.pendingStructs).toBeNull();
      expect(b.doc.store.pendingStructs).toBeNull();
      expect((await live.server.services.collab.read(doc.id)).text).toBe(a.text());
      await until(async () => (await owner.client.get(`/api/v1/documents/${doc.id}`)).body.text === a.text(), "the projection");
      const fresh = live.open(doc.id, await wsToken(owner.client));
      await fresh.synced();
      await waitFor(() => fresh.text() === a.text(), "a fresh client syncing");
      expect(fresh.doc.store.pendingStructs).toBeNull();
    } catch (err) {
      throw new Error(`collab fuzz failed; replay with FUZZ_SEED=${SEED}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }, 60_000);
});
