import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createProject, newUser, signUp } from "./helpers";

const vtt = readFileSync(new URL("../fixtures/import/interview.vtt", import.meta.url));

async function openDocuments(page: Page, projectId: string) {
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Documents" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/documents`);
}

const row = (page: Page, title: string) => page.getByTestId("document-row").filter({ hasText: title });

test("add documents by pasting and by uploading a transcript, then find them again", async ({ page }) => {
  await signUp(page, newUser("docs"));
  const projectId = await createProject(page, `Exit interviews ${Date.now()}`);
  await openDocuments(page, projectId);
  await expect(page.getByRole("heading", { name: "No documents yet" })).toBeVisible();

  // Pasted text, with a kind, a case key and an attribute.
  await page.getByRole("link", { name: "Add document" }).first().click();
  await expect(page).toHaveURL(`/projects/${projectId}/documents/new`);
  await page.getByLabel("Title").fill("Market day notes");
  await page.getByLabel("Kind").selectOption("field_note");
  await page.getByLabel("Case key (optional)").fill("C-104");
  await page.getByLabel("Paste the text").fill("Met Maria at the market.\nShe said the prices went up.");
  await page.getByLabel("Attribute 1 name").fill("branch");
  await page.getByLabel("Attribute 1 value").fill("North");
  await page.getByRole("button", { name: "Add another attribute" }).click();
  await expect(page.getByLabel("Attribute 4 name")).toBeVisible();
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents/(?!new)[^/]+$`));
  const pastedId = new URL(page.url()).pathname.split("/").pop()!;
  const pasted = await page.request.get(`/api/v1/documents/${pastedId}`);
  expect(await pasted.json()).toMatchObject({
    title: "Market day notes",
    kind: "field_note",
    caseKey: "C-104",
    attributes: { branch: "North" },
    text: "Met Maria at the market.\nShe said the prices went up.",
  });

  // A WebVTT transcript, titled by its file name.
  await page.goto(`/projects/${projectId}/documents/new`);
  await page.getByLabel("Upload a file").setInputFiles({ name: "Maria exit interview.vtt", mimeType: "text/vtt", buffer: vtt });
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents/(?!new)[^/]+$`));
  const transcriptId = new URL(page.url()).pathname.split("/").pop()!;
  const transcript = await (await page.request.get(`/api/v1/documents/${transcriptId}`)).json();
  expect(transcript.title).toBe("Maria exit interview");
  expect(transcript.text).toContain("[00:01:02] Maria: I left because the prices went up and nobody told me.");

  // Both are listed with their kind; search and the kind filter narrow the list.
  await page.goto(`/projects/${projectId}/documents`);
  await expect(page.getByTestId("document-row")).toHaveCount(2);
  await expect(row(page, "Market day notes")).toContainText("Field note");
  await expect(row(page, "Market day notes")).toContainText("C-104");
  await expect(row(page, "Maria exit interview")).toContainText("Interview");

  await page.getByLabel("Search titles").fill("exit");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=exit/);
  await expect(page.getByTestId("document-row")).toHaveCount(1);
  await expect(row(page, "Maria exit interview")).toBeVisible();
  await expect(page.getByLabel("Search titles")).toHaveValue("exit");

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page.getByTestId("document-row")).toHaveCount(2);
  await page.getByLabel("Kind").selectOption("field_note");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("document-row")).toHaveCount(1);
  await expect(row(page, "Market day notes")).toBeVisible();
  await page.getByLabel("Search titles").fill("exit");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No documents match these filters.")).toBeVisible();

  // The title links to the document.
  await page.getByRole("link", { name: "Show all documents" }).click();
  await expect(row(page, "Maria exit interview").getByRole("link", { name: "Maria exit interview" })).toHaveAttribute(
    "href",
    `/projects/${projectId}/documents/${transcriptId}`,
  );
});

test("a file over the limit is refused before it is sent, and a document is deleted after confirming", async ({ page }) => {
  await signUp(page, newUser("docs2"));
  const projectId = await createProject(page, `Limits ${Date.now()}`);
  const created = await page.request.post(`/api/v1/projects/${projectId}/documents`, {
    data: { title: "To delete", kind: "story", text: "A short story." },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/projects/${projectId}/documents/new`);
  const hint = await page.getByText(/up to \d+ MB/).textContent();
  const limitMb = Number(/up to (\d+) MB/.exec(hint ?? "")?.[1]);
  await page.getByLabel("Title").fill("Too big");
  await page.getByLabel("Upload a file").setInputFiles({
    name: "huge.txt",
    mimeType: "text/plain",
    buffer: Buffer.alloc(limitMb * 1024 * 1024 + 1, "a"),
  });
  await expect(page.getByRole("alert").filter({ hasText: "“huge.txt” is larger than" })).toBeVisible();
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/documents/new`);
  await expect(page.getByLabel("Title")).toHaveValue("Too big");

  await page.goto(`/projects/${projectId}/documents`);
  await row(page, "To delete").getByRole("button", { name: "Delete To delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “To delete”?" });
  await expect(dialog).toContainText("It has no codings.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await row(page, "To delete").getByRole("button", { name: "Delete To delete" }).click();
  await dialog.getByRole("button", { name: "Delete document" }).click();
  await expect(page.getByRole("status")).toHaveText("“To delete” was deleted.");
  await expect(page.getByRole("heading", { name: "No documents yet" })).toBeVisible();
});
