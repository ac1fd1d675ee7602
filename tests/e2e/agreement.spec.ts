import { expect, test } from "@playwright/test";
import { person, post } from "./editor-helpers";

/**
 * Two coders code one interview differently (through the API, each with their own session);
 * the researcher compares them on the agreement page, reads the kappa and its explanation,
 * and opens a disagreement in the editor with both coders' codings marked by coder.
 */

const TEXT = "The bus was late again.\n\nThe driver was kind to us.\n\nWe missed the train.";
const span = (part: string) => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });

test("the researcher sees the coders' kappa and opens a disagreement with both coders' highlights", async ({ browser }) => {
  const researcher = await person(browser, "rhea");
  const ann = await person(browser, "ann");
  const ben = await person(browser, "ben");
  try {
    const r = researcher.page;
    const project = await post(r, "/api/v1/projects", { name: `Agreement ${Date.now()}` });
    for (const coder of [ann, ben]) await post(r, `/api/v1/projects/${project.id}/members`, { email: coder.user.email, role: "coder" });
    const delay = await post(r, `/api/v1/projects/${project.id}/codes`, { name: "Delay", color: "#5b8def" });
    const kind = await post(r, `/api/v1/projects/${project.id}/codes`, { name: "Kind staff", color: "#2f9e44" });
    const doc = await post(r, `/api/v1/projects/${project.id}/documents`, { title: "Bus interview", kind: "interview", text: TEXT });
    const code = (who: typeof ann, codeId: string, part: string) => post(who.page, `/api/v1/documents/${doc.id}/codings`, { codeId, ...span(part) });
    await code(ann, delay.id, "The bus was late again.");
    await code(ann, kind.id, "The driver was kind to us.");
    await code(ben, delay.id, "The bus was late again.");
    await code(ben, delay.id, "We missed the train.");

    await r.goto(`/projects/${project.id}/analysis/agreement`);
    await expect(r.getByTestId("agreement-empty")).toContainText("Choose at least two coders");
    const form = r.getByTestId("agreement-form");
    await form.getByLabel(ann.user.name).check();
    await form.getByLabel(ben.user.name).check();
    await form.getByLabel(/Paragraph/).check();
    await form.getByRole("button", { name: "Compare" }).click();
    await expect(r).toHaveURL(/coders=/);

    // Delay over three paragraphs: agree on 2; Ann says yes to 1, Ben to 2 → κ = (2/3 − 4/9) / (5/9) = 0.4.
    const table = r.getByTestId("agreement-table");
    await expect(table.locator("thead")).toContainText("Cohen's kappa");
    const delayRow = table.getByTestId("agreement-row").filter({ hasText: "Delay" });
    await expect(delayRow).toContainText("66.7%");
    await expect(delayRow).toContainText("0.400");
    // The explanation shows on keyboard focus, not only on hover.
    const about = table.getByRole("button", { name: "About Cohen's kappa" });
    await about.focus();
    await expect(about).toHaveAccessibleDescription(/beyond what chance would give/);
    await expect(table.locator("thead th", { hasText: "Cohen's kappa" }).getByRole("tooltip")).toBeVisible();

    // They disagree on the second paragraph (Kind staff) and the third (Delay).
    const items = r.getByTestId("disagreement");
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText("The driver was kind to us.");
    await expect(items.first()).toContainText("Kind staff");
    await items.first().getByRole("link", { name: /Open in editor/ }).click();

    await expect(r).toHaveURL(new RegExp(`/documents/${doc.id}\\?compare=`));
    await expect(r.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
    const legend = r.getByTestId("compare-legend");
    await expect(legend).toContainText(ann.user.name);
    await expect(legend).toContainText(ben.user.name);
    // Both coded the first paragraph: it carries both coders' bands; the third only Ben's.
    await expect(r.locator('.cm-content .thk-cmp[data-coders="0 1"]')).toHaveText("The bus was late again.");
    await expect(r.locator('.cm-content .thk-cmp[data-coders="1"]')).toHaveText("We missed the train.");
    await expect(r.locator('.cm-content .thk-cmp[data-coders="0"]')).toHaveText("The driver was kind to us.");
    // The passage landed on, and who applied what there.
    await expect(r.locator(".cm-content [data-landing]")).toHaveText("The driver was kind to us.");
    const panel = r.getByTestId("compare-panel");
    await expect(panel.getByTestId("compare-coder").filter({ hasText: ann.user.name })).toContainText("Kind staff");
    await expect(panel.getByTestId("compare-coder").filter({ hasText: ben.user.name })).toContainText("no code here");
  } finally {
    await Promise.all([researcher.close(), ann.close(), ben.close()]);
  }
});
