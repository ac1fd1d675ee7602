import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createProject, inviteMember, logIn, newUser, signUp, type TestUser } from "./helpers";

/** Makes an account through the API, for tests where signing up is not the point. */
async function signUpByApi(request: APIRequestContext, user: TestUser): Promise<void> {
  const response = await request.post("/api/v1/auth/signup", {
    data: { name: user.name, email: user.email, password: user.password },
  });
  expect(response.status(), await response.text()).toBe(201);
}

test("signing up with a too-short password explains why and keeps what was typed", async ({ page }) => {
  const user = newUser("short");
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  const password = page.getByLabel("Password");
  const passwordField = page.locator(".field", { has: password });
  await expect(passwordField.getByRole("alert")).toHaveText("Password must be at least 10 characters.");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/Password must be at least 10 characters\./);
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByLabel("Your name")).toHaveValue(user.name);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("a wrong password is refused without saying which part was wrong", async ({ page, request }) => {
  const user = newUser("wrongpw");
  await signUpByApi(request, user);

  await page.goto("/login");
  await logIn(page, { ...user, password: "not the right password" });
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login$/);
  // No per-field hint: neither input is marked invalid, and nothing else is said.
  await expect(alert).toHaveCount(1);
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field-error")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);

  // An email with no account gets exactly the same answer.
  await logIn(page, { ...user, email: `nobody-${Date.now()}@example.com` });
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.locator(".field-error")).toHaveCount(0);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("logging out ends the session, and logging in again returns to where you were going", async ({ page }) => {
  const user = newUser("logout");
  await signUp(page, user);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: /Thick data shows why/ })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fprojects$/);
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();

  await logIn(page, user);
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await expect(page.getByRole("heading", { level: 1, name: "Your projects" })).toBeVisible();
});

test("an owner removes a member after confirming", async ({ page, request }) => {
  const owner = newUser("remover");
  const member = newUser("removed");
  await signUpByApi(request, member);
  await signUp(page, owner);
  const projectId = await createProject(page, `Field notes ${Date.now()}`);
  await page.goto(`/projects/${projectId}/settings`);
  await inviteMember(page, member.email, "coder");

  const row = page.getByTestId(`member-${member.email}`);
  const dialog = page.getByRole("dialog", { name: `Remove ${member.name}?` });

  // Cancel leaves them in the project.
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(member.email);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();
  await page.reload();
  await expect(row).toBeVisible();

  // Confirming removes them.
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("status")).toHaveText("Member removed.");
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`member-${owner.email}`)).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("a new access token is shown once and works against the API", async ({ page, request }) => {
  const user = newUser("tokens");
  await signUp(page, user);
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Access tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { name: "No tokens yet" })).toBeVisible();

  const tokenName = "Nightly export";
  await page.getByLabel("Name").fill(tokenName);
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())?.trim() ?? "";
  expect(token.length).toBeGreaterThan(20);
  await expect(page.getByRole("table", { name: "Tokens" })).toContainText(tokenName);

  await page.reload();
  await expect(page.getByRole("table", { name: "Tokens" }).getByRole("cell", { name: tokenName, exact: true })).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);

  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { email: user.email, name: user.name } });

  const anonymous = await request.get("/api/v1/me");
  expect(anonymous.status()).toBe(401);

  // The account page lists it too (never its secret).
  await page.goto("/settings/account");
  await expect(page.getByRole("table", { name: "Tokens" }).getByRole("cell", { name: tokenName, exact: true })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);
});

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** The same person, logged in from another browser (Firefox on Windows, as far as the server can tell). */
async function otherBrowser(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, userAgent: FIREFOX });
  const other = await context.newPage();
  await other.goto("/login");
  await logIn(other, user);
  await expect(other).toHaveURL(/\/projects$/);
  return other;
}

/** The other browser finds itself logged out: its next page is the login form. */
async function expectLoggedOut(other: Page) {
  await other.goto("/projects");
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Fprojects$/);
}

test("changing the password explains mistakes, then signs out the other browser and not this one", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const user = newUser("changer");
  await signUp(page, user);
  const other = await otherBrowser(browser, user);

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByText(user.email)).toBeVisible();
  const sessions = page.getByRole("list", { name: "Sessions" }).getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
  await expect(sessions.filter({ hasText: "Firefox on Windows" })).toHaveCount(1);
  // The form fits the laptop's screen without scrolling.
  const submit = page.getByRole("button", { name: "Change password" });
  expect((await submit.boundingBox())!.y).toBeLessThan(768);

  const changeTo = async (current: string, next: string, again = next) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("New password again").fill(again);
    await submit.click();
  };
  const errorOf = (label: string) => page.locator(".field", { has: page.getByLabel(label, { exact: true }) }).getByRole("alert");

  await changeTo("not my password", "a brand new passphrase");
  await expect(errorOf("Current password")).toHaveText("That is not your current password.");
  await changeTo(user.password, "short");
  await expect(errorOf("New password")).toHaveText("New password must be at least 10 characters.");
  await changeTo(user.password, "a brand new passphrase", "a brand new passfrase");
  await expect(errorOf("New password again")).toHaveText("The two new passwords do not match.");
  await expect(sessions).toHaveCount(2);

  await changeTo(user.password, "a brand new passphrase");
  await expect(page.getByRole("status")).toHaveText("Password changed. 1 other session signed out.");
  await expect(sessions).toHaveCount(1);
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await expectLoggedOut(other);

  // This browser is still in; the old password no longer opens the account, the new one does.
  await page.goto("/projects");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await other.goto("/login");
  await logIn(other, user);
  await expect(other.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await logIn(other, { ...user, password: "a brand new passphrase" });
  await expect(other).toHaveURL(/\/projects$/);
  await other.context().close();
});

test("signing out another browser, and everywhere else, asks first", async ({ page, browser }) => {
  const user = newUser("signout");
  await signUp(page, user);
  const other = await otherBrowser(browser, user);
  await page.goto("/settings/account");
  const sessions = page.getByRole("list", { name: "Sessions" }).getByTestId("session");
  const firefox = sessions.filter({ hasText: "Firefox on Windows" });
  const dialog = page.getByRole("dialog", { name: "Sign out Firefox on Windows?" });

  await firefox.getByRole("button", { name: "Sign out" }).click();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(firefox).toHaveCount(1);

  await firefox.getByRole("button", { name: "Sign out" }).click();
  await dialog.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toHaveText("That session was signed out.");
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText("This device");
  await expectLoggedOut(other);

  // Two more browsers; one button signs both out, and this one stays.
  const third = await otherBrowser(browser, user);
  await logIn(other, user);
  await expect(other).toHaveURL(/\/projects$/);
  await page.reload();
  await expect(sessions).toHaveCount(3);
  await page.getByRole("button", { name: "Log out everywhere else" }).click();
  await page.getByRole("dialog", { name: "Log out everywhere else?" }).getByRole("button", { name: "Sign out 2 other sessions" }).click();
  await expect(page.getByRole("status")).toHaveText("Signed out of 2 other sessions.");
  await expect(sessions).toHaveCount(1);
  await expect(page.getByText("You are signed in only here.")).toBeVisible();
  await expectLoggedOut(other);
  await expectLoggedOut(third);

  // On a phone nothing is wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole("button", { name: "Change password" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await other.context().close();
  await third.context().close();
});
