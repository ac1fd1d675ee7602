import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// D1 has four paragraphs between blank lines; D2 none, so its two lines are its paragraphs.
const D1 = "Para one.\n\nPara two.\n\nPara three.\n\nPara four.";
const D2 = "line one\nline two";
const at = (text: string, part: string) => [text.indexOf(part), text.indexOf(part) + part.length] as const;

/**
 * Coders A, B and C (each their own account, added as coders) code X and Y:
 *   D1: P1 A X, C X · P2 A X, B X · P3 B X · P4 A Y
 *   D2: L1 A X, B X, C X · L2 nobody
 */
async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Agreement" })).id as string;
  const coder = async (name: string) => {
    const person = await signedUpClient(server.url, name);
    await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role: "coder" });
    return person;
  };
  const [a, b, c] = [await coder("Ann"), await coder("Ben"), await coder("Cai")];
  const code = (name: string) => post(owner.client, `/api/v1/projects/${projectId}/codes`, { name });
  const [x, y] = [await code("X"), await code("Y")];
  const doc = (title: string, text: string) =>
    post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text });
  const [d1, d2] = [await doc("D1", D1), await doc("D2", D2)];
  const coding = (who: { client: ApiClient }, d: { id: string }, codeId: string, [start, end]: readonly [number, number]) =>
    post(who.client, `/api/v1/documents/${d.id}/codings`, { codeId, start, end });
  await coding(a, d1, x.id, at(D1, "Para one."));
  await coding(c, d1, x.id, at(D1, "one"));
  await coding(a, d1, x.id, at(D1, "Para two."));
  await coding(b, d1, x.id, at(D1, "two"));
  await coding(b, d1, x.id, at(D1, "Para three."));
  await coding(a, d1, y.id, at(D1, "four"));
  for (const who of [a, b, c]) await coding(who, d2, x.id, at(D2, "line one"));
  return { owner, projectId, a, b, c, x, y, d1, d2 };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const agreement = (client: ApiClient, query: string, projectId = f.projectId) =>
  client.get(`/api/v1/projects/${projectId}/agreement?${query}`);

describe("agreement", () => {
  it("compares two coders per paragraph, per code and pooled, as worked out by hand", async () => {
    const res = await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id}&unit=paragraph`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ unit: "paragraph", coders: [f.a.user.id, f.b.user.id] });
    expect(res.body.perCode.map((p: any) => p.codeId)).toEqual([f.x.id, f.y.id]);
    const [x, y] = res.body.perCode;
    // X over the 6 paragraphs (A, B): P1 1/0, P2 1/1, P3 0/1, P4 0/0, L1 1/1, L2 0/0.
    // Agree on 4 of 6. Each says yes to 3 of 6: p_e = ½·½ + ½·½ = ½; κ = (⅔ − ½) / ½ = ⅓.
    // α: n = 12 values, six 1s and six 0s, 2 disagreeing units (4 off-diagonal coincidences):
    // α = 1 − 11·4 / (2·6·6) = 7/18.
    expect(x.percentAgreement).toBeCloseTo(4 / 6, 10);
    expect(x.cohenKappa).toBeCloseTo(1 / 3, 10);
    expect(x.krippendorffAlpha).toBeCloseTo(7 / 18, 10);
    expect(x.fleissKappa).toBeNull();
    // Y: only A, on P4. Agree on 5 of 6; p_e = (1/6·0) + (5/6·1) = 5/6 = p_o, so κ = 0.
    // α: n = 12, one 1 and eleven 0s, one disagreeing unit: α = 1 − 11·2 / (2·11·1) = 0.
    expect(y.percentAgreement).toBeCloseTo(5 / 6, 10);
    expect(y.cohenKappa).toBeCloseTo(0, 10);
    expect(y.krippendorffAlpha).toBeCloseTo(0, 10);
    // Pooled: 12 judgements, 9 agreeing; n = 24 values, seven 1s, 3 disagreeing units:
    // α = 1 − 23·6 / (2·7·17) = 100/238.
    expect(res.body.overall.percentAgreement).toBeCloseTo(9 / 12, 10);
    expect(res.body.overall.krippendorffAlpha).toBeCloseTo(100 / 238, 10);
  });

  it("gives Fleiss' kappa, not Cohen's, for three coders", async () => {
    const res = await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id},${f.c.user.id}&unit=paragraph`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const x = res.body.perCode.find((p: any) => p.codeId === f.x.id);
    // X (A, B, C): P1 1/0/1, P2 1/1/0, P3 0/1/0, P4 0/0/0, L1 1/1/1, L2 0/0/0.
    // P_i = ⅓, ⅓, ⅓, 1, 1, 1 → P̄ = ⅔ (also the share of agreeing pairs); p_1 = 8/18, p_0 = 10/18,
    // P_e = 41/81; κ = (⅔ − 41/81) / (40/81) = 13/40.
    expect(x.fleissKappa).toBeCloseTo(13 / 40, 10);
    expect(x.percentAgreement).toBeCloseTo(2 / 3, 10);
    expect(x.cohenKappa).toBeNull();
  });

  it("counts characters as weighted runs, in the documents asked for only", async () => {
    const res = await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id}&unit=character&documents=${f.d2.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Only D2: both coded "line one" [0,8) with X, nobody coded Y there, so Y is not listed.
    expect(res.body.perCode).toEqual([
      { codeId: f.x.id, percentAgreement: 1, cohenKappa: 1, fleissKappa: null, krippendorffAlpha: 1 },
    ]);
  });

  it("splits sentences", async () => {
    const res = await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id}&unit=sentence&documents=${f.d1.id}`);
    expect(res.status).toBe(200);
    // Each paragraph of D1 is one sentence: X over P1..P4 agrees on P2 and P4.
    expect(res.body.perCode.find((p: any) => p.codeId === f.x.id).percentAgreement).toBeCloseTo(2 / 4, 10);
  });

  it("refuses one coder, a repeated coder or a non-member as 422, and a bad unit as 400", async () => {
    const stranger = await signedUpClient(server.url, "Stranger");
    const one = await agreement(f.owner.client, `coders=${f.a.user.id}&unit=paragraph`);
    expect(one.status).toBe(422);
    expect(one.body.error.code).toBe("invalid_coders");
    expect((await agreement(f.owner.client, `coders=${f.a.user.id},${f.a.user.id}&unit=paragraph`)).status).toBe(422);
    const outsider = await agreement(f.owner.client, `coders=${f.a.user.id},${stranger.user.id}&unit=paragraph`);
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.message).toContain(stranger.user.id);
    expect((await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id}&unit=word`)).status).toBe(400);
    expect((await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id}`)).status).toBe(400);
    // Not a member of the project: the project is not found.
    expect((await agreement(stranger.client, `coders=${f.a.user.id},${f.b.user.id}&unit=paragraph`)).status).toBe(404);
  });

  it("answers 404 for another project's document", async () => {
    const other = await post(f.owner.client, "/api/v1/projects", { name: "Other" });
    const doc = await post(f.owner.client, `/api/v1/projects/${other.id}/documents`, { title: "O", kind: "interview", text: "x" });
    const res = await agreement(f.owner.client, `coders=${f.a.user.id},${f.b.user.id}&unit=paragraph&documents=${f.d1.id},${doc.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("Document not found.");
  });
});
