import { expect, type Browser, type Page } from "@playwright/test";
import { newUser, signUp, type TestUser } from "./helpers";

/** Shared by the editor's specs: data made through the API with a page's own session cookie. */
export async function post<T = any>(page: Page, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

/** A signed-up person in a browser context of their own. */
export async function person(browser: Browser, label: string): Promise<{ page: Page; user: TestUser; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newUser(label);
  await signUp(page, user);
  return { page, user, close: () => context.close() };
}

export const editor = (page: Page) => page.getByRole("textbox", { name: "Document text" });

/** The text as the editor shows it, without other people's cursor labels. */
export const shownText = (page: Page) =>
  page.locator(".cm-content").evaluate((content) => {
    const copy = content.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".cm-ySelectionCaret").forEach((caret) => caret.remove());
    return [...copy.querySelectorAll(".cm-line")].map((line) => line.textContent).join("\n");
  });

export async function openDocument(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
  await expect(editor(page)).toBeVisible();
}
