import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

/** Types into a field as a person does: click it, select what is there, type over it key by key. */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.page().keyboard.type(text);
}

/** Signs up a fresh builder and creates a project; returns the project id (the page is on its settings). */
export async function signUpWithProject(page: Page, projectName = "Acme CRM"): Promise<{ projectId: string; email: string; password: string }> {
  const email = `builder-${randomUUID().slice(0, 8)}@example.test`;
  const password = "correct horse battery";
  await page.goto("/sign-up");
  await typeInto(page.getByLabel("Name"), "E2E Builder");
  await typeInto(page.getByLabel("Work email"), email);
  await typeInto(page.getByLabel("Password"), password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Create a project" })).toBeVisible();
  await typeInto(page.getByLabel("Project name"), projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/settings\?tab=sdk/);
  return { projectId: page.url().split("/")[3], email, password };
}

/**
 * Closes a dialog showing a one-time secret the way a person must: Escape does not close it and Done stays
 * disabled until "I have saved the … somewhere safe" is ticked.
 */
export async function confirmSecretSaved(page: Page, label: string): Promise<void> {
  const dialog = page.getByRole("dialog");
  await page.keyboard.press("Escape");
  await expect(dialog.getByTestId("one-time-secret")).toBeVisible();
  const done = dialog.getByRole("button", { name: "Done" });
  await expect(done).toBeDisabled();
  await dialog.getByRole("checkbox", { name: `I have saved the ${label} somewhere safe` }).click();
  await done.click();
  await expect(dialog).toBeHidden();
}
