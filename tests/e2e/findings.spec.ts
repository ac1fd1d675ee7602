import { expect, test, type Locator, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { post, person } from "./editor-helpers";

/**
 * A finding from draft to a printed report: the researcher writes it with a segment and two
 * excerpts and asks for review; the reviewer comments on one excerpt and requests changes; the
 * researcher revises and asks again; the reviewer accepts; the report printed to PDF by Chromium
 * holds the finding, its chart and its quotes. The project's data is made through the API.
 */

const CUSTOMERS = "customer,calls_90d,tenure_months,churned\nC1,9,4,true\nC2,7,6,true\nC3,1,40,false\nC4,2,52,false\n";
const QUOTES = ["They sent me to billing, then back to sales, then to billing again.", "Nobody could fix my bill, so I left."];

async function seedProject(page: Page, reviewerEmail: string) {
  const project = await post<{ id: string }>(page, "/api/v1/projects", { name: `Council churn ${Date.now()}` });
  const upload = await page.request.post(`/api/v1/projects/${project.id}/datasets?name=Customers&key=customer`, {
    data: CUSTOMERS,
    headers: { "content-type": "text/csv" },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const dataset = await upload.json();
  await post(page, `/api/v1/projects/${project.id}/segments`, {
    datasetId: dataset.id,
    name: "Churned",
    filter: { all: [{ column: "churned", op: "eq", value: true }] },
  });
  const code = await post<{ id: string }>(page, `/api/v1/projects/${project.id}/codes`, { name: "Passed around" });
  for (const [i, caseKey] of ["C1", "C2"].entries()) {
    const text = `Call notes.\n${QUOTES[i]}\nEnd of call.`;
    const doc = await post<{ id: string }>(page, `/api/v1/projects/${project.id}/documents`, { title: `Call with ${caseKey}`, kind: "interview", text, caseKey });
    const start = text.indexOf(QUOTES[i]!);
    await post(page, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start, end: start + QUOTES[i]!.length });
  }
  await post(page, `/api/v1/projects/${project.id}/members`, { email: reviewerEmail, role: "reviewer" });
  return project.id;
}

const status = (page: Page) => page.getByTestId("finding-status").first();
const excerpts = (page: Page) => page.getByTestId("evidence-excerpt");

/** Options also say a segment's dataset and size: pick by the name they start with. */
async function choose(select: Locator, name: string) {
  const value = await select.locator("option", { hasText: name }).getAttribute("value");
  await select.selectOption(value!);
}

async function addExcerpt(page: Page, choice: Locator) {
  await choice.getByTestId("excerpt-choice-add").click();
  await expect(choice).toContainText("Already in this finding");
}

async function pdfText(page: Page): Promise<string> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

test("write a finding, review it with a comment and a change request, accept it and print the report", async ({ browser }) => {
  test.setTimeout(120_000);
  const researcher = await person(browser, "researcher");
  const reviewer = await person(browser, "reviewer");
  const projectId = await seedProject(researcher.page, reviewer.user.email);
  const r = researcher.page;

  // The researcher writes the finding and picks its evidence.
  await r.goto(`/projects/${projectId}/findings`);
  await r.getByTestId("new-finding-link").first().click();
  await r.getByLabel("Title").fill("Being passed around drives churn");
  await r.getByLabel("Claim").fill("Customers who were **transferred repeatedly** left.");
  await r.getByRole("button", { name: "Create finding" }).click();
  await expect(r.getByTestId("finding-title")).toHaveText("Being passed around drives churn");
  await expect(r.getByTestId("finding-claim").locator("strong")).toHaveText("transferred repeatedly");

  await choose(r.getByTestId("add-segment-select"), "Churned");
  await r.getByTestId("add-segment-button").click();
  await expect(r.getByTestId("evidence-segment")).toContainText("Churned");
  await expect(r.getByTestId("segment-size")).toContainText("2 of 4");

  await choose(r.getByTestId("excerpt-code-select"), "Passed around");
  const choices = r.getByTestId("excerpt-choice");
  await expect(choices).toHaveCount(2);
  await addExcerpt(r, choices.nth(0));
  await addExcerpt(r, choices.nth(1));
  await expect(excerpts(r)).toHaveCount(2);
  for (const quote of QUOTES) await expect(r.getByTestId("evidence-excerpt").filter({ hasText: quote })).toBeVisible();

  await r.getByTestId("request-review-button").click();
  await expect(status(r)).toHaveText("In review");
  await expect(r.getByTestId("asked-reviewers")).toContainText(reviewer.user.name);

  // The reviewer is told, opens it, comments on one excerpt and requests changes.
  const v = reviewer.page;
  await v.goto("/projects");
  const bell = v.getByRole("button", { name: /Notifications, 1 unread/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await v.getByRole("link", { name: /asked you to review/ }).click();
  await expect(v.getByTestId("finding-title")).toHaveText("Being passed around drives churn");
  await expect(v.getByTestId("edit-finding-button")).toHaveCount(0);
  await expect(v.getByTestId("evidence-picker")).toHaveCount(0);

  const second = excerpts(v).filter({ hasText: QUOTES[1]! });
  await second.getByTestId("evidence-comment-button").click();
  await second.getByLabel("Comment on this evidence").fill("Is this one typical, or a single bad call?");
  await second.getByTestId("comment-submit").click();
  await expect(second).toContainText("Is this one typical, or a single bad call?");

  // Down to the excerpt in its document: the reviewer lands on the coded passage, read-only.
  await second.getByRole("link", { name: /Open in document/ }).click();
  await expect(v).toHaveURL(/\/documents\/[^/?]+\?coding=/);
  await expect(v.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
  await expect(v.locator('[data-landing="true"]')).toHaveText(QUOTES[1]!);
  await v.goBack();

  await v.getByTestId("decision-note").fill("Say how many of the churned customers this covers.");
  await v.getByTestId("request-changes-button").click();
  await expect(status(v)).toHaveText("Changes requested");

  // The researcher sees the comment, revises the claim and asks again.
  await r.reload();
  await expect(status(r)).toHaveText("Changes requested");
  await expect(excerpts(r).filter({ hasText: QUOTES[1]! })).toContainText("Is this one typical, or a single bad call?");
  await r.getByTestId("edit-finding-button").click();
  await r.getByTestId("edit-finding-form").getByLabel("Claim").fill("Both churned customers we spoke to were **transferred repeatedly**.");
  await r.getByTestId("save-finding-button").click();
  await expect(r.getByTestId("finding-claim")).toContainText("Both churned customers we spoke to");
  await r.getByTestId("request-review-button").click();
  await expect(status(r)).toHaveText("In review");

  // The reviewer accepts.
  await v.reload();
  await v.getByTestId("accept-button").click();
  await expect(status(v)).toHaveText("Accepted");
  await expect(v.getByTestId("version-list")).toContainText("Version 1");

  // The report, printed to PDF, holds the finding, its chart and its quotes.
  await v.goto(`/projects/${projectId}/report`);
  const section = v.getByTestId("report-finding");
  await expect(section).toHaveCount(1);
  // The chart is drawn in the browser: wait for its bars before printing.
  await expect(section.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const exports = async () => (await (await r.request.get(`/api/v1/projects/${projectId}/audit?action=report.exported`)).json()).events;
  expect(await exports()).toHaveLength(0);
  const text = await pdfText(v);
  expect(text).toContain("Being passed around drives churn");
  expect(text).toContain("Both churned customers we spoke to were transferred repeatedly.");
  for (const quote of QUOTES) expect(text).toContain(quote);
  // The chart's own labels: its two series and the columns on its axis.
  for (const label of ["Inside", "Rest", "calls_90d", "tenure_months"]) expect(text).toContain(label);

  // Printing, even with the browser's own command rather than the page's button, is an export
  // in the owner's audit log (Chromium fires beforeprint for page.pdf() as for Ctrl+P).
  await expect.poll(async () => (await exports()).map((e: { actor: { name: string } }) => e.actor.name)).toEqual([reviewer.user.name]);

  await researcher.close();
  await reviewer.close();
});
