import { expect, test, type Page } from "@playwright/test";
import { editor, openDocument, person, post, shownText } from "./editor-helpers";
import { newUser, signUp } from "./helpers";

/**
 * The collaborative coding editor, with two people in two browsers. Data is made through the
 * HTTP API with each page's own session cookie; everything asserted is what people see.
 */

/** Cross-user changes must show up within a second. */
const LIVE = { timeout: 1000 };

const highlight = (page: Page, codeId: string) => page.locator(`.cm-content [data-code-ids~="${codeId}"]`);
const stripe = (page: Page, name: string) => page.locator(".thk-stripe", { hasText: name });

/** Opens the Ctrl+K palette on the current selection and applies the code named `name`. */
async function applyWithPalette(page: Page, name: string) {
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Apply codes" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox", { name: "Filter codes" }).fill(name.slice(0, 4));
  await expect(palette.getByRole("option").first()).toContainText(name);
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
}

test("two people code a document live; it persists, and undo takes back one's own last coding", async ({ browser, page }) => {
  const amira = newUser("amira");
  const bjorn = await person(browser, "bjorn");
  try {
    await signUp(page, amira);
    const project = await post(page, "/api/v1/projects", { name: `Flooding ${Date.now()}` });
    await post(page, `/api/v1/projects/${project.id}/members`, { email: bjorn.user.email, role: "coder" });
    const doc = await post(page, `/api/v1/projects/${project.id}/documents`, {
      title: "Interview with a resident",
      kind: "interview",
      text: "Notes from the visit.\n",
    });
    const waiting = await post(page, `/api/v1/projects/${project.id}/codes`, { name: "Waiting", color: "#5b8def" });
    const trust = await post(page, `/api/v1/projects/${project.id}/codes`, { name: "Trust", color: "#d9534f" });
    const url = `/projects/${project.id}/documents/${doc.id}`;

    // B is already on the page when A arrives and types.
    await openDocument(bjorn.page, url);
    await openDocument(page, url);
    await expect(bjorn.page.getByTestId("present-user").filter({ hasText: amira.name })).toBeVisible(LIVE);

    await editor(page).click();
    await page.keyboard.press("Control+End");
    const sentence = "We waited three weeks for a reply";
    await page.keyboard.type(sentence);
    await expect.poll(() => shownText(bjorn.page), LIVE).toBe(`Notes from the visit.\n${sentence}`);
    await expect(bjorn.page.locator(".cm-ySelectionInfo", { hasText: amira.name })).toBeVisible(LIVE);

    // A selects the last word and codes it from the palette; B sees the highlight and stripe.
    await page.keyboard.press("Control+Shift+ArrowLeft");
    await applyWithPalette(page, "Waiting");
    await expect(highlight(page, waiting.id)).toHaveText("reply");
    await expect(highlight(bjorn.page, waiting.id)).toBeVisible(LIVE);
    await expect(highlight(bjorn.page, waiting.id)).toHaveText("reply");
    await expect(highlight(bjorn.page, waiting.id)).toHaveAttribute("style", /rgb\(91, 141, 239\)/);
    await expect(stripe(bjorn.page, "Waiting")).toBeVisible(LIVE);
    await expect(
      bjorn.page.getByRole("region", { name: "Codebook" }).getByRole("button", { name: /Waiting/ }),
    ).toContainText("1");

    // Everything is still there after a reload.
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
    await expect.poll(() => shownText(page)).toBe(`Notes from the visit.\n${sentence}`);
    await expect(highlight(page, waiting.id)).toHaveText("reply");
    await expect(stripe(page, "Waiting")).toBeVisible();

    // A codes "We waited" with Trust, then undoes it: only that coding goes, for both.
    await editor(page).click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Home");
    await page.keyboard.press("Control+Shift+ArrowRight");
    await page.keyboard.press("Control+Shift+ArrowRight");
    await applyWithPalette(page, "Trust");
    await expect(highlight(page, trust.id)).toHaveText("We waited");
    await expect(highlight(bjorn.page, trust.id)).toBeVisible(LIVE);

    await page.keyboard.press("Control+z");
    await expect(highlight(page, trust.id)).toHaveCount(0);
    await expect(highlight(bjorn.page, trust.id)).toHaveCount(0, LIVE);
    await expect(highlight(bjorn.page, waiting.id)).toHaveText("reply");
    await expect.poll(() => shownText(bjorn.page)).toBe(`Notes from the visit.\n${sentence}`);

    // Redo brings it back.
    await page.keyboard.press("Control+Shift+Z");
    await expect(highlight(bjorn.page, trust.id)).toBeVisible(LIVE);
  } finally {
    await bjorn.close();
  }
});

test("a reviewer reads the document and its codings but cannot change them", async ({ browser, page }) => {
  const owner = newUser("owner");
  const reviewer = await person(browser, "reviewer");
  try {
    await signUp(page, owner);
    const project = await post(page, "/api/v1/projects", { name: `Council review ${Date.now()}` });
    await post(page, `/api/v1/projects/${project.id}/members`, { email: reviewer.user.email, role: "reviewer" });
    const text = "The officer answered within a day.";
    const doc = await post(page, `/api/v1/projects/${project.id}/documents`, { title: "Field note", kind: "field_note", text });
    const code = await post(page, `/api/v1/projects/${project.id}/codes`, { name: "Responsive", color: "#4caf7a" });
    await post(page, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 4, end: 11 });
    const url = `/projects/${project.id}/documents/${doc.id}`;

    const r = reviewer.page;
    await openDocument(r, url);
    await expect(r.getByText(/^Read only/)).toBeVisible();
    await expect(editor(r)).toHaveAttribute("contenteditable", "false");
    await expect(highlight(r, code.id)).toHaveText("officer");
    await expect(stripe(r, "Responsive")).toBeVisible();
    await expect(r.getByRole("button", { name: /Code selection/ })).toHaveCount(0);
    await expect(r.getByRole("button", { name: /Redact selection/ })).toHaveCount(0);
    await expect(r.getByRole("button", { name: "Undo" })).toHaveCount(0);

    // Typing changes nothing, and Ctrl+K opens no palette.
    await editor(r).click();
    await r.keyboard.type("xyz");
    await r.keyboard.press("Control+k");
    await expect(r.getByRole("dialog", { name: "Apply codes" })).toHaveCount(0);
    await expect.poll(() => shownText(r)).toBe(text);

    // The popover shows the coding without Remove or an editable memo.
    await highlight(r, code.id).click();
    const popover = r.getByRole("dialog", { name: "Coded here" });
    await expect(popover).toContainText("Responsive");
    await expect(popover).toContainText(`Applied by ${owner.name}`);
    await expect(popover.getByRole("button", { name: "Remove coding" })).toHaveCount(0);
    await expect(popover.getByRole("textbox")).toHaveCount(0);

    // The owner and the live API see the text unchanged.
    await openDocument(page, url);
    await expect.poll(() => shownText(page)).toBe(text);
    const live = await page.request.get(`/api/v1/documents/${doc.id}`);
    expect((await live.json()).text).toBe(text);
  } finally {
    await reviewer.close();
  }
});
