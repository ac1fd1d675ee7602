import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { importCsv } from "../setup/datasets";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The segment builder, the segment page and the matrix page as served HTML and plain form posts:
 * what each role sees and may do. The fixture is made through the public API.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "Prices went up again. Nobody called me back.";
const PRICE = [0, 20] as const; // "Prices went up again"
const CALLBACK = [22, 44] as const; // "Nobody called me back."

/** Four customers; K1 and K3 churned. */
const CSV = ["customer,tenure,calls_90d,churned,region", "K1,3,7,true,North", "K2,40,1,false,North", "K3,5,4,true,South", "K4,60,0,false,South"].join(
  "\n",
);

async function post(client: ApiClient, path: string, body: object) {
  const res = await client.post(path, body);
  expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

function page(client: ApiClient, path: string, form?: Record<string, string>) {
  return fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers: form
      ? { cookie: client.cookie!, "content-type": "application/x-www-form-urlencoded" }
      : { cookie: client.cookie! },
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
}

/** React separates adjacent text with comment nodes; the person sees the text without them. */
const visible = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

async function member(projectId: string, owner: ApiClient, role: string) {
  const person = await signedUpClient(server.url, role);
  const res = await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  expect(res.status).toBe(201);
  return person.client;
}

async function fixture() {
  const { client: owner } = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner, "/api/v1/projects", { name: "Churn study" })).id as string;
  const dataset = await importCsv(owner, projectId, "Customers", "customer", CSV);
  const price = await post(owner, `/api/v1/projects/${projectId}/codes`, { name: "Price rise", color: "#c0392b" });
  const callback = await post(owner, `/api/v1/projects/${projectId}/codes`, { name: "No callback", color: "#2e86c1" });
  const docs = [];
  for (const [n, caseKey] of [[1, "K1"], [2, "K1"], [3, "K2"], [4, "K3"]] as const) {
    docs.push(await post(owner, `/api/v1/projects/${projectId}/documents`, { title: `Call ${n}`, kind: "interview", text: TEXT, caseKey }));
  }
  const coding = (doc: { id: string }, codeId: string, [start, end]: readonly [number, number]) =>
    post(owner, `/api/v1/documents/${doc.id}/codings`, { codeId, start, end });
  // Price rise: K1 twice (Call 1 and 2) and K3; No callback: K1 and K2.
  await coding(docs[0], price.id, PRICE);
  await coding(docs[1], price.id, PRICE);
  await coding(docs[3], price.id, PRICE);
  await coding(docs[0], callback.id, CALLBACK);
  await coding(docs[2], callback.id, CALLBACK);
  return { owner, projectId, dataset, price, callback, docs };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const churnedFilter = JSON.stringify({ all: [{ column: "churned", op: "eq", value: true }] });

describe("segment builder", () => {
  it("offers the dataset's columns with their types", async () => {
    const res = await page(f.owner, `/projects/${f.projectId}/segments/new`);
    expect(res.status).toBe(200);
    const html = await visible(res);
    expect(html).toContain("New segment");
    expect(html).toContain("Customers (4 rows)");
    for (const column of ["customer (text)", "tenure (integer)", "calls_90d (integer)", "churned (boolean)", "region (text)"]) {
      expect(html).toContain(column);
    }
    expect(html).not.toMatch(/\bSQL\b.*<textarea/);
  });

  it("saves a segment from the form and shows it with its size and numbers", async () => {
    const res = await page(f.owner, `/projects/${f.projectId}/segments/new`, {
      intent: "create-segment",
      datasetId: f.dataset.id,
      name: "Churned",
      filter: churnedFilter,
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/projects/${f.projectId}/segments/[^/]+$`));

    const shown = await visible(await page(f.owner, location));
    expect(shown).toContain("Churned");
    expect(shown).toContain("churned is true");
    expect(shown).toMatch(/<strong>2<\/strong> of 4 rows \(50 %\)/);
    // tenure: inside (3+5)/2 = 4, rest (40+60)/2 = 50, difference −46.
    expect(shown).toMatch(/tenure<\/th><td class="num">4<\/td><td class="num">50<\/td><td class="num[^"]*">−46<\/td>/);
  });

  it("shows a filter the server refuses beside the filter, keeping the name", async () => {
    const res = await page(f.owner, `/projects/${f.projectId}/segments/new`, {
      intent: "create-segment",
      datasetId: f.dataset.id,
      name: "Long-standing",
      filter: JSON.stringify({ all: [{ column: "tenure", op: "gt", value: "ten" }] }),
    });
    expect(res.status).toBe(422);
    const html = await visible(res);
    expect(html).toContain('id="segment-filter-error"');
    expect(html).toContain("&quot;tenure&quot; is an integer column");
    expect(html).toContain('value="Long-standing"');

    const unknown = await visible(
      await page(f.owner, `/projects/${f.projectId}/segments/new`, {
        intent: "create-segment",
        datasetId: f.dataset.id,
        name: "Ghost",
        filter: JSON.stringify({ any: [{ column: "ghost; drop table users", op: "eq", value: 1 }] }),
      }),
    );
    expect(unknown).toContain("This dataset has no column &quot;ghost; drop table users&quot;.");
  });

  it("refuses a second segment with the same name, by the name field", async () => {
    await page(f.owner, `/projects/${f.projectId}/segments/new`, {
      intent: "create-segment",
      datasetId: f.dataset.id,
      name: "North",
      filter: JSON.stringify({ all: [{ column: "region", op: "eq", value: "North" }] }),
    });
    const res = await page(f.owner, `/projects/${f.projectId}/segments/new`, {
      intent: "create-segment",
      datasetId: f.dataset.id,
      name: "North",
      filter: churnedFilter,
    });
    expect(res.status).toBe(409);
    const html = await visible(res);
    expect(html).toMatch(/aria-invalid="true"[^>]*>[\s\S]*This project already has a segment with that name\./);
  });
});

async function segmentByName(name: string) {
  const res = await f.owner.get(`/api/v1/projects/${f.projectId}/matrix`);
  const segment = res.body.segments.find((s: { name: string }) => s.name === name);
  expect(segment, name).toBeTruthy();
  return segment as { id: string; name: string };
}

describe("segment page", () => {
  it("edits the filter and the name through the form, recomputing the size", async () => {
    const res = await page(f.owner, `/projects/${f.projectId}/segments/new`, {
      intent: "create-segment",
      datasetId: f.dataset.id,
      name: "Busy",
      filter: JSON.stringify({ all: [{ column: "calls_90d", op: "gte", value: 4 }] }),
    });
    const path = res.headers.get("location")!;
    const saved = await page(f.owner, path, {
      intent: "update-segment",
      name: "Very busy",
      datasetId: f.dataset.id,
      filter: JSON.stringify({ all: [{ column: "calls_90d", op: "gte", value: 5 }] }),
    });
    expect(saved.status).toBe(200);
    const html = await visible(await page(f.owner, path));
    expect(html).toContain("Very busy");
    expect(html).toContain("calls_90d ≥ 5");
    expect(html).toMatch(/<strong>1<\/strong> of 4 rows \(25 %\)/);
  });

  it("links a code with a note, shows it on the segment and in the codebook, and removes it", async () => {
    const churned = await segmentByName("Churned");
    const path = `/projects/${f.projectId}/segments/${churned.id}`;
    const linked = await page(f.owner, path, { intent: "link-code", codeId: f.price.id, note: "Price rises push people out" });
    expect(linked.status).toBe(200);
    const html = await visible(await page(f.owner, path));
    expect(html).toContain("Price rise");
    expect(html).toContain("Price rises push people out");

    const codebook = await visible(await page(f.owner, `/projects/${f.projectId}/codebook`));
    // The codebook page carries each code's links for its panel.
    expect(codebook).toContain("Price rises push people out");

    const twice = await page(f.owner, path, { intent: "link-code", codeId: f.price.id, note: "again" });
    expect(twice.status).toBe(409);
    expect(await visible(twice)).toContain("This code is already linked to this segment.");

    const links = (await f.owner.get(`/api/v1/segments/${churned.id}/links`)).body;
    const linkId = links.links[0].id as string;
    expect((await page(f.owner, path, { intent: "unlink", linkId })).status).toBe(200);
    expect(await visible(await page(f.owner, path))).not.toContain("Price rises push people out");
  });

  it("deletes a segment after the dialog and goes back to the data page", async () => {
    const res = await page(f.owner, `/projects/${f.projectId}/segments/new`, {
      intent: "create-segment",
      datasetId: f.dataset.id,
      name: "Temporary",
      filter: churnedFilter,
    });
    const path = res.headers.get("location")!;
    const deleted = await page(f.owner, path, { intent: "delete-segment" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe(`/projects/${f.projectId}/data`);
    expect((await page(f.owner, path)).status).toBe(404);
  });
});

describe("matrix page", () => {
  it("shows codes against segments with codings, documents and cases in each cell", async () => {
    const res = await page(f.owner, `/projects/${f.projectId}/matrix`);
    expect(res.status).toBe(200);
    const html = await visible(res);
    // Churned = K1, K3. Price rise: Call 1, Call 2 (K1) and Call 4 (K3).
    expect(html).toContain('aria-label="Price rise in Churned: 3 codings, 3 documents, 2 cases. Show excerpts."');
    // No callback: Call 1 (K1) in Churned; Call 3 (K2) is not churned.
    expect(html).toContain('aria-label="No callback in Churned: 1 coding, 1 document, 1 case. Show excerpts."');
    // North = K1, K2.
    expect(html).toContain('aria-label="No callback in North: 2 codings, 2 documents, 2 cases. Show excerpts."');
    expect(html).toContain("2 rows · 50 %");
    expect(html).toContain("Shade cells by");
  });

  it("answers a cell's excerpts and its over-representation test for the side panel", async () => {
    const churned = await segmentByName("Churned");
    const res = await f.owner.get(`/projects/${f.projectId}/matrix/cell?code=${f.price.id}&segment=${churned.id}&limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.excerpts).toHaveLength(2);
    expect(res.body.excerpts[0]).toMatchObject({ quote: "Prices went up again", documentTitle: "Call 1", caseKey: "K1", authorName: "Owner" });
    // Cases with documents: K1, K3 inside (both with the code); K2 outside (without).
    expect(res.body.representation).toMatchObject({ inside: { cases: 2, withCode: 2 }, outside: { cases: 1, withCode: 0 } });
    const more = await f.owner.get(`/projects/${f.projectId}/matrix/cell?code=${f.price.id}&segment=${churned.id}&limit=2&offset=2`);
    expect(more.body.excerpts.map((e: { documentTitle: string }) => e.documentTitle)).toEqual(["Call 4"]);
  });

  it("lets a researcher link a code to a segment from the panel's form", async () => {
    const researcher = await member(f.projectId, f.owner, "researcher");
    const north = await segmentByName("North");
    const res = await page(researcher, `/projects/${f.projectId}/matrix`, {
      intent: "link-code",
      codeId: f.callback.id,
      segmentId: north.id,
      note: "Unanswered calls in the North",
    });
    expect(res.status).toBe(200);
    expect(await visible(await page(researcher, `/projects/${f.projectId}/segments/${north.id}`))).toContain("Unanswered calls in the North");
  });

  it("shows a reviewer the matrix and segments read-only", async () => {
    const reviewer = await member(f.projectId, f.owner, "reviewer");
    const matrix = await page(reviewer, `/projects/${f.projectId}/matrix`);
    expect(matrix.status).toBe(200);
    const html = await visible(matrix);
    expect(html).toContain("Price rise in Churned: 3 codings");
    expect(html).toContain("read only");
    const churned = await segmentByName("Churned");
    const segment = await visible(await page(reviewer, `/projects/${f.projectId}/segments/${churned.id}`));
    expect(segment).toContain("Read only");
    expect(segment).not.toContain("Edit or rename");
    expect(segment).not.toContain("Link code");

    expect((await page(reviewer, `/projects/${f.projectId}/segments/new`)).status).toBe(403);
    const link = await page(reviewer, `/projects/${f.projectId}/matrix`, { intent: "link-code", codeId: f.price.id, segmentId: churned.id, note: "" });
    expect(link.status).toBe(403);
    const rename = await page(reviewer, `/projects/${f.projectId}/segments/${churned.id}`, {
      intent: "update-segment",
      name: "Mine now",
      filter: churnedFilter,
    });
    expect(rename.status).toBe(403);
    expect((await f.owner.get(`/api/v1/segments/${churned.id}`)).body.name).toBe("Churned");
  });

  it("keeps contributors out of the matrix, its cells and the segments", async () => {
    const contributor = await member(f.projectId, f.owner, "contributor");
    const churned = await segmentByName("Churned");
    expect((await page(contributor, `/projects/${f.projectId}/matrix`)).status).toBe(403);
    expect((await page(contributor, `/projects/${f.projectId}/segments/${churned.id}`)).status).toBe(403);
    const cell = await contributor.get(`/projects/${f.projectId}/matrix/cell?code=${f.price.id}&segment=${churned.id}`);
    expect(cell.status).toBe(403);
    expect(cell.body.error.code).toBe("forbidden");
  });

  it("says what is missing when a project has no segments yet", async () => {
    const { client } = await signedUpClient(server.url, "Newcomer");
    const projectId = (await post(client, "/api/v1/projects", { name: "Empty" })).id as string;
    const html = await visible(await page(client, `/projects/${projectId}/matrix`));
    expect(html).toContain("The matrix is empty");
    expect(html).toContain(`href="/projects/${projectId}/data/import"`);
    expect(html).toContain("Define a segment");
    expect(html).toContain("Set case keys");
  });
});
