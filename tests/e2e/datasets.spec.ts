import { expect, test, type Page } from "@playwright/test";
import { createProject, newUser, signUp } from "./helpers";

/**
 * Customers as a CSV: an id key, whole numbers, a postcode with a leading zero (detected as
 * an integer; the person corrects it to text), a churn flag, a plan, a spend with decimals and
 * a signup date. `broken` puts a row with one field too many on the given line.
 */
const spendOf = (i: number) => ((i * 13.37) % 500).toFixed(2);

/** The lowest and highest spend among the first `rows` customers, as the table prints them. */
function spendRange(rows: number) {
  const spends = Array.from({ length: rows }, (_, i) => Number(spendOf(i + 1)));
  const print = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 6 }).format;
  return { lowest: print(Math.min(...spends)), highest: print(Math.max(...spends)) };
}

function customersCsv(rows: number, broken?: number) {
  const lines = ["customer_id,tenure_months,postcode,churned,plan,spend,signup_date"];
  for (let i = 1; i <= rows; i++) {
    const line = lines.length + 1;
    const fields = [
      `C-${String(i).padStart(5, "0")}`,
      String((i * 7) % 97),
      `0${1000 + (i % 9000)}`,
      i % 4 === 0 ? "true" : "false",
      i % 3 === 0 ? "premium" : "basic",
      spendOf(i),
      `2023-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    ];
    if (line === broken) fields.push("unexpected");
    lines.push(fields.join(","));
  }
  return Buffer.from(lines.join("\n") + "\n");
}

/**
 * Slows the browser's uploads (1 MB/s unless told), as over a modest connection, so the
 * progress bar is on screen long enough to be seen (on localhost the file would arrive at once).
 */
async function throttleUploads(page: Page, bytesPerSecond = 1024 * 1024) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return cdp;
}

/** Script errors and console errors (a hydration mismatch, a CSP refusal) the page reports. */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    // A refused import answers 400, which the browser also logs; that one is expected.
    if (msg.type() === "error" && !/status of 400/.test(msg.text())) errors.push(msg.text());
  });
  return errors;
}

async function openImport(page: Page, projectId: string) {
  await page.goto(`/projects/${projectId}/data/import`);
  await expect(page.getByRole("heading", { name: "Import a CSV file" })).toBeVisible();
  // The input is enabled once the page's script runs.
  await expect(page.getByLabel("CSV file", { exact: true })).toBeEnabled();
}

test("import a CSV with progress, correct a type, then browse and sort the dataset", async ({ page }) => {
  const errors = watchErrors(page);
  await signUp(page, newUser("data"));
  const projectId = await createProject(page, `Churn ${Date.now()}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Data & segments" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/data`);
  await expect(page.getByRole("heading", { name: "No datasets yet" })).toBeVisible();
  await page.getByRole("link", { name: "Import CSV" }).first().click();
  await expect(page).toHaveURL(`/projects/${projectId}/data/import`);
  await expect(page.getByLabel("CSV file", { exact: true })).toBeEnabled();

  const csv = customersCsv(40_000);
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: csv });

  // The preview: defaults from the file name and the id-like column, types as detected.
  await expect(page.getByRole("table", { name: "Preview of the file" })).toBeVisible();
  await expect(page.getByLabel("Dataset name")).toHaveValue("customers");
  await expect(page.getByLabel("Key column")).toHaveValue("customer_id");
  await expect(page.getByLabel("Type of tenure_months")).toHaveValue("integer");
  await expect(page.getByLabel("Type of spend")).toHaveValue("number");
  await expect(page.getByLabel("Type of signup_date")).toHaveValue("date");
  await expect(page.getByLabel("Type of churned")).toHaveValue("boolean");
  await expect(page.getByLabel("Type of postcode")).toHaveValue("integer");
  await page.getByLabel("Type of postcode").selectOption("text");
  await page.getByLabel("Dataset name").fill("Customers 2023");

  const cdp = await throttleUploads(page);
  await page.getByRole("button", { name: "Import dataset" }).click();
  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId("upload-progress")).toContainText(/\d+% · \d+\.\d MB of \d+\.\d MB/);
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/data/(?!import)[^/?]+$`), { timeout: 20_000 });
  await cdp.detach();

  // The dataset page: its facts, a summary per column, and the corrected type.
  await expect(page.getByRole("heading", { level: 2, name: "Customers 2023" })).toBeVisible();
  const facts = page.getByRole("definition");
  await expect(facts.filter({ hasText: "40,000" }).first()).toBeVisible();
  await expect(page.getByTestId("column-summary")).toHaveCount(7);
  const churned = page.getByRole("article", { name: "churned" });
  await expect(churned).toContainText("True/false");
  await expect(churned.getByRole("img")).toHaveAttribute("aria-label", /false \(30,000\), true \(10,000\)/);
  // The corrected column is text: its leading zeros are kept.
  await expect(page.getByRole("article", { name: "postcode" })).toContainText("Text");
  await expect(page.getByRole("table", { name: "Dataset rows" }).locator("tbody tr").first()).toContainText("01001");
  const tenure = page.getByRole("article", { name: "tenure_months" });
  await expect(tenure).toContainText("Median");
  await expect(tenure.locator(".recharts-bar-rectangle").first()).toBeVisible();

  // Sorting by clicking a header, which the URL keeps.
  const table = page.getByRole("table", { name: "Dataset rows" });
  await expect(page.getByText("Rows 1–50 of 40,000")).toBeVisible();
  await table.getByRole("link", { name: "spend" }).click();
  await expect(page).toHaveURL(/\?sort=spend&dir=asc$/);
  await expect(table.getByRole("columnheader", { name: "spend" })).toHaveAttribute("aria-sort", "ascending");
  const spend = spendRange(40_000);
  const firstSpend = table.locator("tbody tr").first().locator("td").nth(5);
  await expect(firstSpend).toHaveText(spend.lowest);
  await table.getByRole("link", { name: "spend" }).click();
  await expect(page).toHaveURL(/\?sort=spend&dir=desc$/);
  await expect(table.getByRole("columnheader", { name: "spend" })).toHaveAttribute("aria-sort", "descending");
  await expect(firstSpend).toHaveText(spend.highest);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\?sort=spend&dir=desc&page=2$/);
  await expect(page.getByText("Rows 51–100 of 40,000")).toBeVisible();
  await page.goBack();
  await expect(page.getByText("Rows 1–50 of 40,000")).toBeVisible();

  // And it is listed on the Data & segments page.
  await page.getByRole("link", { name: "All datasets" }).click();
  await expect(page.getByTestId("dataset-card")).toHaveCount(1);
  await expect(page.getByTestId("dataset-card")).toContainText("Customers 2023");
  expect(errors).toEqual([]);
});

test("a cancelled upload and a malformed CSV import nothing; the error names line and column", async ({ page }) => {
  const errors = watchErrors(page);
  await signUp(page, newUser("badcsv"));
  const projectId = await createProject(page, `Broken ${Date.now()}`);
  await openImport(page, projectId);

  // The bad row is far past the preview's first 256 KB, so only the import finds it.
  const csv = customersCsv(12_000, 11_000);
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: csv });
  await expect(page.getByRole("table", { name: "Preview of the file" })).toBeVisible();
  await page.getByLabel("Dataset name").fill("Export");
  await page.getByLabel("Type of postcode").selectOption("text");

  // Cancelled half-way: the upload stops and the form is ready again.
  const cdp = await throttleUploads(page, 128 * 1024);
  await page.getByRole("button", { name: "Import dataset" }).click();
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import cancelled. Nothing was imported." })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toBeHidden();
  await cdp.detach();

  // Sent whole, the file is refused at the bad row.
  await page.getByRole("button", { name: "Import dataset" }).click();
  const error = page.getByRole("alert").filter({ hasText: "Line 11,000" });
  await expect(error).toBeVisible();
  await expect(error).toContainText("Nothing was imported");
  await expect(page.getByLabel("Dataset name")).toHaveValue("Export");
  await expect(page.getByLabel("Type of postcode")).toHaveValue("text");
  await expect(page.getByRole("button", { name: "Import dataset" })).toBeEnabled();

  await page.goto(`/projects/${projectId}/data`);
  await expect(page.getByRole("heading", { name: "No datasets yet" })).toBeVisible();
  expect(errors).toEqual([]);
});
