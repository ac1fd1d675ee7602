import { expect, test } from "@playwright/test";
import { editor, openDocument, person, post, shownText } from "./editor-helpers";
import { newUser, signUp } from "./helpers";

/** Cross-user changes must show up within a second. */
const LIVE = { timeout: 1000 };

test("a researcher redacts a name by hand: everyone sees [NAME], highlights included, and it stays", async ({ browser, page }) => {
  const owner = newUser("owner");
  const researcher = await person(browser, "researcher");
  try {
    await signUp(page, owner);
    const project = await post(page, "/api/v1/projects", { name: `Redaction ${Date.now()}` });
    await post(page, `/api/v1/projects/${project.id}/members`, { email: researcher.user.email, role: "researcher" });
    const text = "Priya Shah rang about her bill.\nShe waited forty minutes.";
    const doc = await post(page, `/api/v1/projects/${project.id}/documents`, { title: "Call note", kind: "story", text });
    const code = await post(page, `/api/v1/projects/${project.id}/codes`, { name: "Billing", color: "#5b8def" });
    await post(page, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 0, end: 15 });
    const url = `/projects/${project.id}/documents/${doc.id}`;
    await openDocument(page, url);

    const r = researcher.page;
    await openDocument(r, url);
    const redactButton = r.getByRole("button", { name: /Redact selection/ });
    await expect(redactButton).toBeDisabled();

    // Select the name (the first two words) and open the dialog with the shortcut.
    await editor(r).click();
    await r.keyboard.press("Control+Home");
    await r.keyboard.press("Control+Shift+ArrowRight");
    await r.keyboard.press("Control+Shift+ArrowRight");
    await expect(redactButton).toBeEnabled();
    await r.keyboard.press("Control+Shift+X");
    const dialog = r.getByRole("dialog", { name: "Redact selection" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Priya Shah");
    await dialog.getByRole("radio", { name: /\[NAME\]/ }).check();
    await expect(dialog).toContainText("10 characters become [NAME]");
    await dialog.getByRole("button", { name: "Redact" }).click();

    await expect(dialog).toBeHidden();
    await expect(r.getByRole("status").filter({ hasText: "Redacted 10 characters as [NAME]." })).toBeVisible();
    const redacted = "[NAME] rang about her bill.\nShe waited forty minutes.";
    await expect.poll(() => shownText(r)).toBe(redacted);
    await expect(r.locator(`.cm-content [data-code-ids~="${code.id}"]`)).toHaveText("[NAME] rang");
    // The owner, who had the document open, sees it too.
    await expect.poll(() => shownText(page), LIVE).toBe(redacted);

    // It is what the server holds: after a reload it is still [NAME].
    await r.reload();
    await expect(r.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
    await expect.poll(() => shownText(r)).toBe(redacted);
    await expect(r.getByText("Priya Shah")).toHaveCount(0);
  } finally {
    await researcher.close();
  }
});
