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
      { codeId: f.x.id, percentAgreement: 1, cohenKappa: 1, fleissKappa: null, krippendorffAlpha: 1, unitizedAlpha: 1 },
    ]);
  });

  it("gives Krippendorff's unitized alpha over characters, whatever the unit, as worked out by hand", async () => {
    const query = `coders=${f.a.user.id},${f.b.user.id}&documents=${f.d1.id}`;
    const res = await agreement(f.owner.client, `${query}&unit=paragraph`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // D1 is 45 characters, m = 2; D_o = Σ over both orders of the pair / (m(m − 1)L²) = Σ / 4,050 and
    // D_e = (2/L) · [(N − 1)/3 · Σ(2l³ − 3l² + l) + Σ_g l² Σ_{gaps ≥ l}(l_gap − l + 1)] / (mL(mL − 1) − Σ(l² − l)).
    // Y: A codes "four" [40, 44), B nothing. A's segment lies in B's one gap: 2 · 4² = 32.
    //   N = 1; gaps 40 and 1 (A), 45 (B): those ≥ 4 give 37 + 42 = 79, so 16 · 79 = 1,264;
    //   denominator 2·45·89 − 12 = 7,998.
    const y = { observed: 32 / 4050, expected: ((2 / 45) * 1264) / 7998 };
    // X: A [0, 9) [11, 20), B "two" [16, 19) and "Para three." [22, 33). The overlapping pair gives
    //   (11 − 16)² + (20 − 19)² = 26; A's [0, 9) lies in B's gap [0, 16): 81; B's [22, 33) in A's gap
    //   [20, 45): 121 → 2 · 228 = 456. N = 4, lengths 9, 9, 3, 11: Σ(2l³ − 3l² + l) = 1,224 · 2 + 30 +
    //   2,310 = 4,788, times (4 − 1)/3. Gaps 2, 25 (A) and 16, 3, 12 (B): l = 9 fits 25, 16, 12 → 17 + 8
    //   + 4 = 29, twice 81 · 29; l = 3 → 23 + 14 + 1 + 10 = 48, 9 · 48; l = 11 → 15 + 6 + 2 = 23, 121 · 23:
    //   7,913. Denominator 8,010 − (72 + 72 + 6 + 110) = 7,750.
    const x = { observed: 456 / 4050, expected: ((2 / 45) * (4788 + 7913)) / 7750 };
    const [gotX, gotY] = res.body.perCode;
    expect(gotX.unitizedAlpha).toBeCloseTo(1 - x.observed / x.expected, 10); // −0.546
    expect(gotY.unitizedAlpha).toBeCloseTo(1 - y.observed / y.expected, 10); // −0.125
    // Across codes: 1 − ΣD_o / ΣD_e.
    expect(res.body.overall.unitizedAlpha).toBeCloseTo(1 - (x.observed + y.observed) / (x.expected + y.expected), 10);
    // Always over characters: the unit changes the other coefficients, not this one.
    const bySentence = await agreement(f.owner.client, `${query}&unit=sentence`);
    expect(bySentence.body.overall.unitizedAlpha).toBeCloseTo(res.body.overall.unitizedAlpha, 12);
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
