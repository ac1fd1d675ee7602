import { expect, test } from "@playwright/test";
import { createProject, inviteMember, newUser, signUp } from "./helpers";

test("an owner invites a reviewer, who then sees the project with that role", async ({ browser, page }) => {
  const owner = newUser("owner");
  const reviewer = newUser("reviewer");
  const projectName = `Why customers leave ${Date.now()}`;

  // B has an account already, in a browser of their own.
  const reviewerContext = await browser.newContext();
  try {
    const reviewerPage = await reviewerContext.newPage();
    await signUp(reviewerPage, reviewer);
    await expect(reviewerPage.getByRole("heading", { name: "No projects yet" })).toBeVisible();

    // A signs up, creates a project and invites B as a reviewer.
    await signUp(page, owner);
    const projectId = await createProject(page, projectName, "Interviews with people who cancelled.");
    await expect(page.locator(".page-head")).toContainText("Your role: owner");
    await page.getByRole("link", { name: "Members & settings" }).click();
    await expect(page).toHaveURL(`/projects/${projectId}/settings`);
    await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
    await inviteMember(page, reviewer.email, "reviewer");
    const row = page.getByTestId(`member-${reviewer.email}`);
    await expect(row).toContainText(reviewer.name);
    await expect(row.getByLabel(`Role of ${reviewer.name}`)).toHaveValue("reviewer");
    // The invite form is cleared, so the same person is not submitted twice by accident.
    await expect(page.getByRole("region", { name: "Invite someone" }).getByLabel("Email")).toHaveValue("");

    // B reloads their project list and finds it, with their role.
    await reviewerPage.reload();
    const card = reviewerPage.getByRole("link", { name: new RegExp(projectName) });
    await expect(card).toBeVisible();
    await expect(card.locator(".badge")).toHaveText("reviewer");
    await expect(card).toContainText("2 members");

    await card.click();
    await expect(reviewerPage).toHaveURL(`/projects/${projectId}`);
    await expect(reviewerPage.getByRole("heading", { level: 1, name: projectName })).toBeVisible();
    await expect(reviewerPage.locator(".page-head")).toContainText("Your role: reviewer");

    // A reviewer sees the members but cannot invite anyone.
    await reviewerPage.getByRole("link", { name: "Members & settings" }).click();
    await expect(reviewerPage).toHaveURL(`/projects/${projectId}/settings`);
    // … by name and role: other members' e-mail addresses are not a reviewer's to see.
    const ownerRow = reviewerPage.getByRole("row", { name: new RegExp(owner.name) });
    await expect(ownerRow).toContainText("owner");
    await expect(reviewerPage.getByRole("table", { name: "Members" })).not.toContainText(owner.email);
    await expect(reviewerPage.getByTestId(`member-${reviewer.email}`)).toContainText("reviewer");
    await expect(reviewerPage.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
    await expect(reviewerPage.getByRole("button", { name: "Add member" })).toHaveCount(0);
    await expect(reviewerPage.getByRole("button", { name: "Remove" })).toHaveCount(0);
  } finally {
    await reviewerContext.close();
  }
});
