import { expect, test, type Page } from "@playwright/test";
import { editor, openDocument, post } from "./editor-helpers";
import { createProject, newUser, signUp } from "./helpers";

/**
 * A contribution's whole life, as the people involved see it: a researcher builds a form; a
 * member of the public sends a story from a phone; the researcher accepts and codes it; the
 * contributor withdraws it through their receipt link, and it is gone from the project.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const STORY = "My bill doubled in March. Write to me at jo.bloggs@example.com, Priya Shah at the branch knows.";
const MASKED = "My bill doubled in March. Write to me at [EMAIL], [NAME] at the branch knows.";

async function buildForm(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Contributions" }).click();
  await expect(page.getByRole("heading", { name: "Nothing has come in yet" })).toBeVisible();
  await page.getByRole("link", { name: "Create a form" }).click();
  await page.getByLabel("Title").fill("Tell us about your last call");
  await page.getByLabel("Prompt").fill("What happened, in your own words?");
  await page.getByLabel("New question's answer type").selectOption("case_key");
  await page.getByRole("button", { name: "Add question" }).click();
  const second = page.getByRole("listitem", { name: /^Question 2/ });
  await second.getByLabel("Question", { exact: true }).fill("Customer id");
  await expect(second.getByLabel("Name in the data")).toHaveValue("customer_id");
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is ready" })).toBeVisible();
  const url = await page.getByTestId("form-card").locator("code").textContent();
  expect(url).toMatch(/\/f\/[\w-]+$/);
  return url!;
}

test("a story sent from a phone is masked, accepted, coded, then withdrawn by its contributor and gone", async ({ browser, page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signUp(page, newUser("rita"));
  const projectId = await createProject(page, `Call stories ${Date.now()}`);
  const formUrl = await buildForm(page);
  const billing = await post<{ id: string }>(page, `/api/v1/projects/${projectId}/codes`, { name: "Billing", color: "#c0392b" });

  // The contributor, on a phone, with no account.
  const phone = await browser.newContext(PHONE);
  const contributor = await phone.newPage();
  try {
    await contributor.goto(formUrl);
    await expect(contributor.getByRole("heading", { level: 1, name: "Tell us about your last call" })).toBeVisible();
    await contributor.getByLabel(/^Your story/).fill(STORY);
    await contributor.getByLabel(/^Customer id/).fill("C-17");
    await contributor.getByLabel(/^People you mention/).fill("Priya Shah");
    await contributor.getByRole("button", { name: "Send my contribution" }).click();
    // No consent yet: told so, nothing sent, nothing typed lost.
    await expect(contributor.getByText("Tick the consent box to send your contribution")).toBeVisible();
    await expect(contributor.getByLabel(/^Your story/)).toHaveValue(STORY);
    await contributor.getByLabel("I have read this and agree.").check();
    await contributor.getByRole("button", { name: "Send my contribution" }).click();
    await expect(contributor.getByRole("heading", { name: "Thank you: your contribution was sent" })).toBeVisible();
    await expect(contributor.getByText(MASKED)).toBeVisible();
    await expect(contributor.getByText("Waiting for review")).toBeVisible();
    const receiptUrl = contributor.url().replace("?new=1", "");
    // Nothing on the receipt is wider than the phone.
    expect(await contributor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The researcher accepts it and codes it.
    await page.goto(`/projects/${projectId}/contributions`);
    const waiting = page.getByTestId("inbox-item");
    await expect(waiting).toContainText(MASKED);
    await expect(waiting).toContainText("C-17");
    await waiting.getByRole("button", { name: "Accept" }).click();
    await expect(page.getByText("Nothing is waiting: the inbox is clear.")).toBeVisible();
    await page.getByRole("link", { name: /^Accepted/ }).click();
    await page.getByTestId("inbox-item").getByRole("link", { name: "Open and code" }).click();
    await expect(page).toHaveURL(/\/documents\/[^/]+$/);
    await openDocument(page, page.url());
    await expect(editor(page)).toContainText(MASKED);
    await editor(page).click();
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Control+Shift+ArrowRight");
    await page.getByRole("region", { name: "Codebook" }).getByRole("button", { name: /Billing/ }).click();
    await expect(page.locator(`.cm-content [data-code-ids~="${billing.id}"]`)).toHaveText("My bill doubled");

    // The contributor sees it was accepted, and withdraws it.
    await contributor.goto(receiptUrl);
    await expect(contributor.getByText("Accepted", { exact: true })).toBeVisible();
    await contributor.getByRole("button", { name: "Withdraw my contribution" }).click();
    await contributor.getByRole("dialog", { name: "Withdraw your contribution?" }).getByRole("button", { name: "Withdraw and delete" }).click();
    await expect(contributor.getByText("Withdrawn. Your contribution and everything made from it have been deleted.")).toBeVisible();
    await expect(contributor.getByText("You withdrew it.")).toBeVisible();
    await expect(contributor.getByText(MASKED)).toBeHidden();

    // Gone from the project: no document, no coding left on the code.
    await page.goto(`/projects/${projectId}/documents`);
    await expect(page.getByRole("heading", { name: "No documents yet" })).toBeVisible();
    const codes = await (await page.request.get(`/api/v1/projects/${projectId}/codes`)).json();
    expect(codes.codes).toEqual([expect.objectContaining({ id: billing.id, codingCount: 0 })]);
    await page.goto(`/projects/${projectId}/contributions?status=withdrawn`);
    await expect(page.getByTestId("inbox-item")).toContainText("Withdrawn by the contributor");
  } finally {
    await phone.close();
  }
});

test("a sighting's place is picked on the map or typed, and a wrong one is refused by name", async ({ page }) => {
  await signUp(page, newUser("otto"));
  const project = await post<{ id: string }>(page, "/api/v1/projects", { name: `River ${Date.now()}` });
  const form = await post<{ url: string }>(page, `/api/v1/projects/${project.id}/forms`, {
    title: "Otter sightings",
    consentText: "I agree.",
    access: "public",
    fields: [
      { name: "seen", label: "What you saw", type: "long_text", required: true },
      { name: "spot", label: "Where", type: "location", required: true },
    ],
  });
  await page.setViewportSize(PHONE.viewport);
  await page.goto(form.url);
  await page.getByLabel(/^What you saw/).fill("Two otters by the weir.");
  await page.getByLabel("Latitude").fill("95");
  await page.getByLabel("Longitude").fill("-1.25");
  await page.getByLabel("I have read this and agree.").check();
  await page.getByRole("button", { name: "Send my contribution" }).click();
  await expect(page.getByText('"Where": latitude must be between -90 and 90.')).toBeVisible();

  // A tap on the map sets both numbers.
  await page.getByRole("application", { name: /Map/ }).click({ position: { x: 120, y: 100 } });
  await expect(page.getByLabel("Latitude")).not.toHaveValue("95");
  const lat = Number(await page.getByLabel("Latitude").inputValue());
  expect(lat).toBeGreaterThanOrEqual(-90);
  expect(lat).toBeLessThanOrEqual(90);
  await page.getByRole("button", { name: "Send my contribution" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your contribution was sent" })).toBeVisible();
  await expect(page.getByText(`${lat}, `)).toBeVisible();
});
