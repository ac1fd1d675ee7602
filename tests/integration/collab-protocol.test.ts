import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { textOf } from "~/lib/collab/doc-model";
import { signedUpClient } from "../setup/api-client";
import { waitFor } from "../setup/collab-client";
import { useLiveServer, wsToken } from "../setup/live-server";
import { craftUpdate, insertUpdate, rawSocket, syncMessage } from "../setup/raw-collab";

const live = useLiveServer({ collab: { flushIntervalMs: 20 } });
const open = live.open;

/** A document with an owner and a second person (a coder) who may edit it, each with a token. */
async function setup(text = "We waited for an hour.") {
  const owner = await signedUpClient(live.server.url, "Owner");
  const other = await signedUpClient(live.server.url, "Other");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Protocol" });
  await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: other.user.email, role: "coder" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, { title: "Call", kind: "interview", text });
  return {
    documentId: doc.id as string,
    ownerToken: await wsToken(owner.client),
    otherToken: await wsToken(other.client),
    apiText: async () => (await owner.client.get(`/api/v1/documents/${doc.id}`)).body.text as string,
  };
}

/** Makes an honest edit and waits until `watcher` has it: everything sent before it was handled. */
async function barrier(writer: ReturnType<typeof open>, watcher: ReturnType<typeof open>, mark: string) {
  textOf(writer.doc).insert(0, mark);
  await waitFor(() => watcher.text().includes(mark), `the edit ${mark}`);
}

describe("the websocket protocol under hostile input", () => {
  it("applies nothing a socket sends behind a message that got it closed", async () => {
    const s = await setup();
    const a = open(s.documentId, s.ownerToken);
    const b = open(s.documentId, s.ownerToken);
    await Promise.all([a.synced(), b.synced()]);
    const raw = await rawSocket(live.server.url, s.documentId, s.otherToken);
    const state = Y.encodeStateAsUpdate(a.doc);
    // Two frames in one write: the first is refused, the second is a valid edit.
    raw.ws.send(new Uint8Array([0, 9, 1, 0]));
    raw.ws.send(syncMessage(2, insertUpdate(state, 987_654, 0, "LEAKED ")));
    expect((await raw.closed).code).toBe(1003);
    await barrier(a, b, "after ");
    expect(b.text()).not.toContain("LEAKED");
    expect(await s.apiText()).not.toContain("LEAKED");
  });

  it("serves peers only state the server applied, never structs waiting for a missing parent", async () => {
    const s = await setup();
    const raw = await rawSocket(live.server.url, s.documentId, s.otherToken);
    // An item whose origin does not exist: Yjs keeps it pending.
    await raw.send(syncMessage(2, craftUpdate([[424_242, 0, Y.createID(777_777, 5), "orphan"]])));
    expect(await raw.roundTrip()).toBe("answered");
    const fresh = open(s.documentId, s.ownerToken);
    await fresh.synced();
    expect(fresh.doc.store.pendingStructs).toBeNull();
    expect(Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).has(424_242)).toBe(false);
    expect(fresh.text()).toBe("We waited for an hour.");
    // Nor does a snapshot hold it: a redaction compacts the log into one.
    raw.ws.close();
  });

  it("refuses updates written under a client id another person's socket writes under", async () => {
    const s = await setup();
    const a = open(s.documentId, s.ownerToken);
    const b = open(s.documentId, s.ownerToken);
    await Promise.all([a.synced(), b.synced()]);
    await barrier(a, b, "A ");
    const raw = await rawSocket(live.server.url, s.documentId, s.otherToken);
    // The next clock of A's own id, with other text: if accepted, A's next edit (same clock)
    // would be dropped everywhere but at A, and the peers would never agree again.
    await raw.send(syncMessage(2, insertUpdate(Y.encodeStateAsUpdate(a.doc), a.doc.clientID, 0, "FORGED ")));
    expect((await raw.closed).code).toBe(1003);
    await barrier(a, b, "B ");
    expect(b.text()).not.toContain("FORGED");
    expect(a.text()).toBe(b.text());
    expect(await s.apiText()).toBe(a.text());
  });

  it("refuses an item that refers to itself before applying any of the update", async () => {
    const s = await setup();
    const a = open(s.documentId, s.ownerToken);
    const b = open(s.documentId, s.ownerToken);
    await Promise.all([a.synced(), b.synced()]);
    const raw = await rawSocket(live.server.url, s.documentId, s.otherToken);
    // Yjs integrates the higher client id first: the valid item would land before the bad one threw.
    const update = craftUpdate([
      [900_001, 0, Y.createID(900_001, 0), "x"],
      [900_002, 0, null, "PARTIAL "],
    ]);
    await raw.send(syncMessage(2, update));
    expect((await raw.closed).code).toBe(1003);
    await barrier(a, b, "after ");
    expect(b.text()).not.toContain("PARTIAL");
    expect(await s.apiText()).toBe(b.text());
    const server = await live.server.services.collab.read(s.documentId);
    expect(server.text).toBe(b.text());
  });
});
