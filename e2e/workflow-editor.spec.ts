import { expect, test } from "@playwright/test";
import { signUpWithProject } from "./helpers";

test("create a workflow, add a step on the canvas, and find it saved after a reload", async ({ page }) => {
  const { projectId } = await signUpWithProject(page, "Editor project");
  await page.goto(`/${projectId}/workflows`);
  await page.getByRole("button", { name: "New workflow" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
  await expect(page.getByText("Untitled workflow").or(page.getByLabel("Workflow name"))).toBeVisible();

  await page.getByRole("button", { name: "Add a step after Trigger" }).click();
  await page.getByRole("menuitem", { name: "Function" }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(2);
  await expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 10_000 });

  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(2);
  // The step is incomplete (no App Event chosen yet): deploying lists the problems instead of deploying.
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText(/problem/i).first()).toBeVisible();
});
