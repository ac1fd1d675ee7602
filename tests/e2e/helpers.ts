import { expect, type Page } from "@playwright/test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

let counter = 0;

/** A user no other test or earlier run has signed up (the databases are fresh, but still). */
export function newUser(label: string): TestUser {
  counter += 1;
  const stamp = `${Date.now()}-${process.pid}-${counter}`;
  return {
    name: `${label[0]!.toUpperCase()}${label.slice(1)} Tester`,
    email: `${label}-${stamp}@example.com`,
    password: "correct horse battery staple",
  };
}

export async function signUp(page: Page, user: TestUser): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
}

export async function logIn(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Creates a project from /projects and returns its id; leaves the page on its overview. */
export async function createProject(page: Page, name: string, description = ""): Promise<string> {
  await page.goto("/projects");
  const form = page.getByRole("complementary", { name: "New project" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  if (description) await form.getByLabel("Description (optional)").fill(description);
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop();
  if (!id) throw new Error(`no project id in ${page.url()}`);
  return id;
}

/** On a project's Members & settings page, as an owner: adds someone with a role. */
export async function inviteMember(page: Page, email: string, role: string): Promise<void> {
  const invite = page.getByRole("region", { name: "Invite someone" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption(role);
  await invite.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("status")).toHaveText(`${email} was added as ${role}.`);
  await expect(page.getByTestId(`member-${email}`)).toBeVisible();
}
