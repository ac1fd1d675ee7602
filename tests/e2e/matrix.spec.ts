import { expect, test, type Page } from "@playwright/test";
import { createProject, newUser, signUp } from "./helpers";

/**
 * The mixed-methods round trip: import a customer CSV (watching the upload's progress), build a
 * segment with the filter builder, open the matrix, click a cell, open an excerpt in the editor
 * and land on it. Codes, documents and codings are made through the API with the page's session.
 */

const CUSTOMERS = 20_000;

/** Every fourth customer churned: of those interviewed, C00004 and C00008 churned, C00001 and C00002 stayed. */
function customersCsv() {
  const lines = ["customer,tenure_months,calls_90d,churned"];
  for (let i = 1; i <= CUSTOMERS; i++) {
    lines.push([`C${String(i).padStart(5, "0")}`, String((i * 7) % 97), String(i % 9), i % 4 === 0 ? "true" : "false"].join(","));
  }
  return Buffer.from(lines.join("\n") + "\n");
}

/** A long call note, so the coded passage is far below the top of the page. */
const FILLER = Array.from({ length: 80 }, (_, i) => `Note ${i + 1}: we talked about the weather and the delivery window.`).join("\n");
const QUOTE = "The price went up twice in a year, so I left.";
const TEXT = `${FILLER}\n${QUOTE}\nThanks for calling.`;

async function post<T = any>(page: Page, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

/** About 512 KB/s upstream, so the progress bar stays on screen long enough to be seen. */
async function throttleUploads(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
  return cdp;
}

test("import data, build a segment, open the matrix and land on an excerpt in the editor", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signUp(page, newUser("matrix"));
  const projectId = await createProject(page, `Churn ${Date.now()}`);

  const code = await post<{ id: string }>(page, `/api/v1/projects/${projectId}/codes`, { name: "Price rise", color: "#c0392b" });
  const start = TEXT.indexOf(QUOTE);
  for (const [title, caseKey] of [
    ["Call with C00004", "C00004"],
    ["Call with C00008", "C00008"],
  ]) {
    const doc = await post<{ id: string }>(page, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text: TEXT, caseKey });
    await post(page, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start, end: start + QUOTE.length });
  }
  // Two customers who stayed, interviewed, without the code: the rest the segment is compared with.
  for (const caseKey of ["C00001", "C00002"]) {
    await post(page, `/api/v1/projects/${projectId}/documents`, { title: `Call with ${caseKey}`, kind: "interview", text: FILLER, caseKey });
  }

  // Import the CSV through the import page, watching the progress bar.
  await page.goto(`/projects/${projectId}/data/import`);
  await expect(page.getByLabel("CSV file", { exact: true })).toBeEnabled();
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: customersCsv() });
  await expect(page.getByLabel("Dataset name", { exact: true })).toHaveValue("customers");
  await page.getByLabel("Dataset name", { exact: true }).fill("Customers");
  await page.getByLabel("Key column", { exact: true }).selectOption("customer");
  const cdp = await throttleUploads(page);
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/data/(?!import)[^/?]+$`), { timeout: 30_000 });
  await cdp.detach();

  // Build the segment: churned is true. The preview counts as the filter is built.
  await page.goto(`/projects/${projectId}/segments/new`);
  await page.getByLabel("Segment name", { exact: true }).fill("Churned");
  const builder = page.getByTestId("filter-builder");
  await builder.getByLabel("Column", { exact: true }).selectOption("churned");
  await expect(builder.getByLabel("Operator", { exact: true })).toHaveValue("eq");
  await builder.getByLabel("Value", { exact: true }).selectOption("true");
  await expect(page.getByTestId("segment-preview-size")).toHaveText("5,000 of 20,000 rows (25 %)");
  await builder.getByRole("button", { name: "Add condition" }).click();
  await builder.getByLabel("Column", { exact: true }).nth(1).selectOption("tenure_months");
  await builder.getByLabel("Operator", { exact: true }).nth(1).selectOption("gte");
  await builder.getByLabel("Value", { exact: true }).nth(1).fill("0");
  await expect(page.getByText("Rows where churned is true and tenure_months ≥ 0.")).toBeVisible();
  await expect(page.getByTestId("segment-preview-size")).toHaveText("5,000 of 20,000 rows (25 %)");
  await expect(page.getByTestId("segment-comparison")).toContainText("calls_90d");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/segments/[^/]+$`));
  await expect(page.getByTestId("segment-name")).toHaveText("Churned");
  await expect(page.getByTestId("segment-size")).toHaveText("5,000 of 20,000 rows (25 %)");

  // The matrix: one code, one segment; the cell opens its excerpts.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Matrix" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/matrix`);
  const cell = page.getByRole("button", { name: "Price rise in Churned: 2 codings, 2 documents, 2 cases. Show excerpts." });
  await expect(cell).toBeVisible();
  await expect(cell).toHaveText("2 · 2 docs · 2 cases");
  await cell.click();
  const panel = page.getByTestId("cell-panel");
  await expect(panel.getByRole("heading", { name: /Price rise\s+in\s+Churned/ })).toBeVisible();
  await expect(panel.getByTestId("representation-verdict")).toHaveText(
    "No clear difference: 100 % of the segment's cases vs 0 % of the rest, p = 0.33.",
  );
  const excerpts = panel.getByTestId("excerpt");
  await expect(excerpts).toHaveCount(2);
  await expect(excerpts.first()).toContainText(QUOTE);
  await expect(excerpts.first()).toContainText("Call with C00004");
  await expect(excerpts.first()).toContainText("C00004");

  await excerpts.first().getByRole("link", { name: /Open in editor/ }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents/[^/?]+\\?coding=`));
  await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();

  // Landed: the coded passage is scrolled into view, selected and marked.
  const landing = page.locator('[data-landing="true"]');
  await expect(landing).toHaveText(QUOTE);
  await expect(landing).toBeInViewport();
  await expect(page.locator(`.cm-content [data-code-ids~="${code.id}"]`).filter({ hasText: QUOTE })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(QUOTE);
  await expect(page.getByText("Showing the passage coded “Price rise”.")).toBeVisible();
});
