import { expect, test, type Page } from "@playwright/test";
import { editor, openDocument, person, post } from "./editor-helpers";

/**
 * An independent coding round, as the three people in it see it: the researcher starts it for
 * two coders; each codes the interview without seeing the other's codings; the researcher
 * reveals it and reads the agreement and where the coders disagree. Data is made through the
 * API with the researcher's session; everything asserted is on screen.
 */

const TEXT = "The bus was late again.\n\nThe driver was kind to us.";
const highlight = (page: Page, codeId: string) => page.locator(`.cm-content [data-code-ids~="${codeId}"]`);

/** Selects line `line` (1-based) of the editor with the keyboard and applies `code` from the palette. */
async function codeLine(page: Page, line: number, code: string) {
  await editor(page).click();
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Apply codes" });
  await palette.getByRole("combobox", { name: "Filter codes" }).fill(code);
  await expect(palette.getByRole("option").first()).toContainText(code);
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
}

test("two coders code independently in a round; the researcher reveals it and sees kappa and the disagreements", async ({ browser }) => {
  const researcher = await person(browser, "rhea");
  const ann = await person(browser, "ann");
  const ben = await person(browser, "ben");
  try {
    const r = researcher.page;
    const project = await post(r, "/api/v1/projects", { name: `Transport ${Date.now()}` });
    for (const coder of [ann, ben]) await post(r, `/api/v1/projects/${project.id}/members`, { email: coder.user.email, role: "coder" });
    const delay = await post(r, `/api/v1/projects/${project.id}/codes`, { name: "Delay", color: "#5b8def" });
    const doc = await post(r, `/api/v1/projects/${project.id}/documents`, { title: "Bus interview", kind: "interview", text: TEXT });

    // The researcher starts the round from the Rounds tab.
    await r.goto(`/projects/${project.id}`);
    await r.getByRole("link", { name: "Rounds" }).click();
    await expect(r.getByTestId("rounds-empty")).toBeVisible();
    await r.getByTestId("new-round-link").click();
    await r.getByLabel("Name").fill("Pilot");
    const coders = r.getByTestId("round-coders");
    await coders.getByLabel(ann.user.name).check();
    await coders.getByLabel(ben.user.name).check();
    await r.getByRole("button", { name: /Select all/ }).click();
    await r.getByRole("button", { name: "Start round" }).click();
    await expect(r.getByRole("heading", { name: /Pilot/ })).toContainText("Open");
    const roundUrl = new URL(r.url()).pathname;

    // Ann codes the first paragraph in her layer, reached from the round page.
    await ann.page.goto(roundUrl);
    await ann.page.getByTestId("round-code-link").click();
    await expect(ann.page.getByTestId("round-banner")).toBeVisible();
    await expect(ann.page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
    await codeLine(ann.page, 1, "Delay");
    await expect(highlight(ann.page, delay.id)).toHaveText("The bus was late again.");

    // Ben opens the document itself and lands in his own layer, without Ann's coding.
    await openDocument(ben.page, `/projects/${project.id}/documents/${doc.id}`);
    await expect(ben.page).toHaveURL(new RegExp(`/rounds/.+/documents/${doc.id}$`));
    await expect(ben.page.getByTestId("round-banner")).toBeVisible();
    await expect(highlight(ben.page, delay.id)).toHaveCount(0);
    // The text is fixed: typing changes nothing.
    await editor(ben.page).click();
    await ben.page.keyboard.type("xyz");
    await expect(editor(ben.page)).toHaveText(/^The bus was late again\.\s*The driver was kind to us\.$/);
    await codeLine(ben.page, 1, "Delay");
    await codeLine(ben.page, 3, "Delay");
    await expect(highlight(ben.page, delay.id)).toHaveCount(2);
    // Ann still sees only her own.
    await ann.page.reload();
    await expect(ann.page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
    await expect(highlight(ann.page, delay.id)).toHaveCount(1);

    // The researcher sees the progress, then closes and reveals the round.
    await r.reload();
    const progress = r.getByTestId("round-progress");
    await expect(progress.locator("tfoot")).toContainText("1");
    await expect(progress.locator("tfoot")).toContainText("2");
    await r.getByRole("button", { name: "Close and reveal" }).click();
    await r.getByRole("dialog", { name: "Close the round and reveal it?" }).getByRole("button", { name: "Close and reveal" }).click();
    await expect(r.getByRole("status").filter({ hasText: "Revealed: 3 codings joined the documents." })).toBeVisible();
    const agreement = r.getByTestId("round-agreement");
    // Paragraphs: both coded P1, only Ben coded P2 → agreement 1 of 2; Cohen's κ = 0.
    await expect(agreement.getByTestId("round-agreement-table")).toContainText("Cohen's κ");
    await expect(agreement.getByTestId("round-agreement-table").locator("tbody tr").first()).toContainText("50 %");
    await expect(agreement.getByTestId("round-agreement-table").locator("tbody tr").first()).toContainText("0.00");

    // The agreement page lists the passage they disagree on.
    await agreement.getByTestId("round-agreement-details").click();
    await expect(r).toHaveURL(/\/analysis\/agreement\?/);
    await expect(r.getByTestId("disagreement-list")).toContainText("The driver was kind to us.");

    // Ann's layer is closed; the document now shows everyone's codings.
    await ann.page.goto(`/projects/${project.id}/documents/${doc.id}`);
    await expect(ann.page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
    // Both coders' codings of the first paragraph cover the same words; Ben's of the second is new to Ann.
    await expect(highlight(ann.page, delay.id)).toHaveText(["The bus was late again.", "The driver was kind to us."]);
  } finally {
    await Promise.all([researcher.close(), ann.close(), ben.close()]);
  }
});
