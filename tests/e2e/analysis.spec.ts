import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { post } from "./editor-helpers";
import { newUser, signUp } from "./helpers";

/**
 * The Analysis tab: open the co-occurrence matrix, click a cell, read the passages behind it and
 * follow one into the editor, landing on it; then download the frequencies as XLSX and read the
 * file back. Codes, documents and codings are made through the API with the page's session.
 */

/** A long note, so the coded passage sits far below the top of the editor. */
const FILLER = Array.from({ length: 60 }, (_, i) => `Line ${i + 1}: we went through the account history together.`).join("\n");
const PASSAGE = "They promised a refund and I waited six weeks for it.";
const TEXT = `${FILLER}\n${PASSAGE}\nThanks.`;
const REFUND = "promised a refund";
const WAITING = "I waited six weeks";

test("co-occurrence opens the passages behind a cell and lands in the editor; frequencies download as XLSX", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signUp(page, newUser("analysis"));
  const projectId = (await post<{ id: string }>(page, "/api/v1/projects", { name: `Refunds ${Date.now()}` })).id;
  const refund = await post<{ id: string }>(page, `/api/v1/projects/${projectId}/codes`, { name: "Refund", color: "#c0392b" });
  const waiting = await post<{ id: string }>(page, `/api/v1/projects/${projectId}/codes`, { name: "Waiting", color: "#2471a3" });
  const doc = await post<{ id: string }>(page, `/api/v1/projects/${projectId}/documents`, {
    title: "Call with Ana",
    kind: "interview",
    text: TEXT,
    attributes: { channel: "phone" },
  });
  const at = (part: string) => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });
  await post(page, `/api/v1/documents/${doc.id}/codings`, { codeId: refund.id, ...at(REFUND) });
  await post(page, `/api/v1/documents/${doc.id}/codings`, { codeId: waiting.id, ...at(WAITING) });

  await page.goto(`/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Analysis" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/analysis/frequencies`);
  await page.getByRole("navigation", { name: "Analysis views" }).getByRole("link", { name: "Co-occurrence" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/analysis/cooccurrence`);

  // The two codings do not overlap: 0 pairs. Within 10 characters (" and " is 5) they meet.
  await expect(page.getByRole("button", { name: "Refund with Waiting: 0 pairs in 0 documents. Show passages." })).toBeVisible();
  await page.getByRole("radio", { name: /are within/ }).check();
  await page.getByLabel("Characters apart at most").fill("10");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/mode=proximity&within=10/);
  const cell = page.getByRole("button", { name: "Refund with Waiting: 1 pair in 1 document. Show passages." });
  await expect(cell).toHaveText("1");
  await cell.focus();
  await page.keyboard.press("Enter");

  const panel = page.getByTestId("passages-panel");
  await expect(panel.getByRole("heading", { name: /Refund\s+with\s+Waiting/ })).toBeVisible();
  const passages = panel.getByTestId("passage");
  await expect(passages).toHaveCount(1);
  await expect(passages.first()).toContainText("Call with Ana");
  await expect(passages.first()).toContainText(REFUND);
  await expect(passages.first()).toContainText(WAITING);

  await passages.first().getByRole("link", { name: /Open in document/ }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents/${doc.id}\\?coding=`));
  await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
  const landing = page.locator('[data-landing="true"]');
  await expect(landing).toHaveText(REFUND);
  await expect(landing).toBeInViewport();

  // Frequencies by the channel attribute, downloaded as a spreadsheet.
  await page.goto(`/projects/${projectId}/analysis/frequencies`);
  await page.getByLabel("Columns").selectOption("attribute:channel");
  await expect(page).toHaveURL(/by=attribute%3Achannel/);
  await expect(page.getByTestId("frequency-row-Refund")).toContainText("1");
  const download = page.waitForEvent("download");
  await page.getByTestId("download-xlsx").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("code-frequencies-by-channel.xlsx");
  const book = new ExcelJS.Workbook();
  const bytes = await readFile(await file.path());
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["Code frequencies by channel"]);
  expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(["code", "parent code", "codings", "documents", "phone: codings", "phone: documents"]);
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(["Refund", undefined, 1, 1, 1, 1]);
  expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual(["Waiting", undefined, 1, 1, 1, 1]);
});
