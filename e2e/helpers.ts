import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** Signs up a fresh builder and creates a project; returns the project id (the page is on its settings). */
export async function signUpWithProject(page: Page, projectName = "Acme CRM"): Promise<{ projectId: string; email: string; password: string }> {
  const email = `builder-${randomUUID().slice(0, 8)}@example.test`;
  const password = "correct horse battery";
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("E2E Builder");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Create a project" })).toBeVisible();
  await page.getByLabel("Project name").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/settings\?tab=sdk/);
  return { projectId: page.url().split("/")[3], email, password };
}
