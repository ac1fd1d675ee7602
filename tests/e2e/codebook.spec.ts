import { expect, test, type Page } from "@playwright/test";
import { createProject, newUser, signUp } from "./helpers";

const newCode = (page: Page) => page.getByRole("complementary", { name: "New code" });
const code = (page: Page, name: string) => page.getByTestId(`code-${name}`);

async function addCode(page: Page, name: string, parent?: string) {
  const form = newCode(page);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Parent").selectOption(parent ? { label: parent } : "");
  await form.getByRole("button", { name: "Add code" }).click();
  await expect(page.getByRole("status")).toHaveText(`Code “${name}” added.`);
  await expect(form.getByLabel("Name")).toHaveValue("");
}

test("build a small code tree, rename a code, and delete one after seeing what it would remove", async ({ page }) => {
  await signUp(page, newUser("coding"));
  const projectId = await createProject(page, `Codebook ${Date.now()}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Codebook" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/codebook`);
  await expect(page.getByRole("heading", { name: "No codes yet" })).toBeVisible();

  await newCode(page).getByLabel("Colour").fill("#3a7d44");
  await addCode(page, "Leaving");
  await addCode(page, "Price", "Leaving");
  // The child is nested inside its parent's item.
  await expect(code(page, "Leaving").getByTestId("code-Price")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Codes (2)" })).toBeVisible();

  // Rename the child.
  await code(page, "Price").getByRole("button", { name: "Edit Price" }).click();
  const edit = page.getByRole("form", { name: "Edit “Price”" });
  await edit.getByLabel("Name").fill("Cost");
  await edit.getByLabel("Description").fill("Money as the reason");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Code “Cost” saved.");
  await expect(code(page, "Leaving").getByTestId("code-Cost")).toContainText("Money as the reason");
  await expect(page.getByRole("form", { name: /Edit/ })).toHaveCount(0);

  // Code a passage with the parent through the API, then delete the parent.
  const codes = (await (await page.request.get(`/api/v1/projects/${projectId}/codes`)).json()).codes;
  const leaving = codes.find((c: { name: string }) => c.name === "Leaving");
  expect(leaving.color).toBe("#3a7d44");
  const doc = await (
    await page.request.post(`/api/v1/projects/${projectId}/documents`, {
      data: { title: "Interview", kind: "interview", text: "I left because of the fees." },
    })
  ).json();
  const coded = await page.request.post(`/api/v1/documents/${doc.id}/codings`, { data: { codeId: leaving.id, start: 0, end: 6 } });
  expect(coded.status()).toBe(201);
  await page.reload();
  await expect(code(page, "Leaving").locator(".code-row").first()).toContainText("1 coding");

  await code(page, "Leaving").getByRole("button", { name: "Delete Leaving" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Delete “Leaving”?" });
  await expect(dialog.getByTestId("code-impact")).toContainText("1 coding in 1 document is removed.");
  await expect(dialog.getByTestId("code-impact")).toContainText("1 sub-code moves up a level, to the top level.");
  await dialog.getByRole("button", { name: "Delete code" }).click();
  await expect(page.getByRole("status")).toHaveText("Code “Leaving” deleted.");
  await expect(code(page, "Leaving")).toHaveCount(0);
  await expect(code(page, "Cost")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Codes (1)" })).toBeVisible();
  const live = await (await page.request.get(`/api/v1/documents/${doc.id}`)).json();
  expect(live.codings).toEqual([]);

  // A memo on the remaining code: added, shown as text, deleted by its author.
  await code(page, "Cost").getByRole("button", { name: "Memos (0) on Cost" }).click();
  await page.getByLabel("New memo on “Cost”").fill("Fees <b>or</b> prices?");
  await page.getByRole("button", { name: "Add memo" }).click();
  await expect(page.getByRole("status")).toHaveText("Memo added.");
  await expect(page.getByRole("list", { name: "Memos on “Cost”" })).toContainText("Fees <b>or</b> prices?");
  await expect(page.getByLabel("New memo on “Cost”")).toHaveValue("");
  await page.getByRole("button", { name: /^Delete memo by/ }).click();
  await page.getByRole("dialog", { name: "Delete this memo?" }).getByRole("button", { name: "Delete memo" }).click();
  await expect(page.getByRole("status")).toHaveText("Memo deleted.");
  await expect(page.getByText("No memos on this code yet.")).toBeVisible();
});
