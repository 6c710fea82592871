import { expect, test, type Page } from "@playwright/test";
import { signUpWithProject, typeInto } from "./helpers";

const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? "test-results/screenshots";

/** Seeds through the management API with the signed-in builder's session. */
async function api(page: Page, method: "POST" | "GET", path: string, data?: unknown) {
  const response = await page.request.fetch(`/api/v1${path}`, { method, data });
  expect(response.ok(), `${method} ${path} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return response.json();
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

async function openAction(page: Page, workflowName: string, action: string) {
  await page.getByRole("button", { name: `Actions for ${workflowName}`, exact: true }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

test("lists workflows with trigger, state and last run; searches, renames, duplicates and deletes", async ({ page }) => {
  const { projectId } = await signUpWithProject(page, "Workflows page project");
  const appEvent = await api(page, "POST", `/projects/${projectId}/app-events`, { name: "Contact Created", example: { email: "a@b.co" } });
  await api(page, "POST", `/projects/${projectId}/workflows`, {
    name: "Welcome email",
    graph: { trigger: { type: "app_event", appEventId: appEvent.id }, steps: [], edges: [] },
  });
  const digest = await api(page, "POST", `/projects/${projectId}/workflows`, {
    name: "Nightly digest",
    graph: { trigger: { type: "schedule", schedule: { every: "daily", interval: 1, time: "02:00", timezone: "UTC" } }, steps: [], edges: [] },
  });
  await api(page, "POST", `/projects/${projectId}/workflows/${digest.id}/deploy`);
  const run = await api(page, "POST", `/projects/${projectId}/workflows/${digest.id}/run`, { source: "deployed" });

  await page.goto(`/${projectId}/workflows`);
  await expect(row(page, "Welcome email")).toContainText("App Event · Contact Created");
  await expect(row(page, "Welcome email")).toContainText("Draft");
  await expect(row(page, "Welcome email")).toContainText("Never");
  const digestRow = row(page, "Nightly digest");
  await expect(digestRow).toContainText("Schedule · Daily at 02:00 UTC");
  await expect(digestRow).toContainText("Deployed");
  await expect(digestRow.getByRole("link", { name: /^Last run:/ })).toHaveAttribute("href", `/${projectId}/runs/${run.runId}`);
  await expect(digestRow.getByRole("cell").nth(4)).toHaveText("1");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/workflows-page.png`, fullPage: true });

  // Search: debounced into ?q=, matched on the server.
  await typeInto(page.getByLabel("Search workflows by name"), "DIGEST");
  await expect(page).toHaveURL(/\?q=DIGEST$/);
  await expect(row(page, "Welcome email")).toHaveCount(0);
  await expect(row(page, "Nightly digest")).toBeVisible();
  await typeInto(page.getByLabel("Search workflows by name"), "no such thing");
  await expect(page.getByText("No workflows match “no such thing”")).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows$`));
  await expect(row(page, "Welcome email")).toBeVisible();

  // Rename through the row's menu; it survives a reload.
  await openAction(page, "Welcome email", "Rename");
  const nameField = page.getByRole("dialog", { name: "Rename workflow" }).getByLabel("Name");
  await expect(nameField).toHaveValue("Welcome email");
  await typeInto(nameField, "Welcome series");
  await nameField.press("Enter");
  await expect(row(page, "Welcome series")).toBeVisible();
  // The row changes at once (optimistically); reload once the server has it, as the list itself then does.
  await expect(page.getByRole("dialog", { name: "Rename workflow" })).toHaveCount(0);
  await expect.poll(async () => (await (await page.request.get(`/api/v1/projects/${projectId}/workflows?q=Welcome`)).json()).workflows.map((w: { name: string }) => w.name)).toEqual(["Welcome series"]);
  await page.reload();
  await expect(row(page, "Welcome series")).toContainText("App Event · Contact Created");
  await expect(row(page, "Welcome email")).toHaveCount(0);

  // Duplicate: a new draft with the same trigger.
  await page.getByRole("button", { name: "Actions for Nightly digest", exact: true }).click();
  await expect(page.getByRole("menuitem", { name: "Duplicate" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/workflows-row-menu.png` });
  await page.keyboard.press("Escape");
  await openAction(page, "Nightly digest", "Duplicate");
  const copy = row(page, "Nightly digest (copy)");
  await expect(copy).toContainText("Schedule · Daily at 02:00 UTC");
  await expect(copy).toContainText("Draft");
  await expect(copy).toContainText("Never");

  // Delete asks first and says what happens; cancelling keeps it.
  await openAction(page, "Nightly digest", "Delete");
  const confirm = page.getByRole("alertdialog", { name: "Delete “Nightly digest”?" });
  await expect(confirm).toContainText("It is undeployed, so it starts no new runs");
  await expect(confirm).toContainText("its runs in Task History");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/workflows-delete-confirm.png` });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row(page, "Nightly digest")).toBeVisible();
  await openAction(page, "Nightly digest", "Delete");
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete workflow" }).click();
  await expect(row(page, "Nightly digest")).toHaveCount(0);
  // The row goes at once (optimistically); the toast says the server has deleted it.
  await expect(page.getByText("“Nightly digest” deleted")).toBeVisible();
  await page.reload();
  await expect(row(page, "Nightly digest (copy)")).toBeVisible();
  await expect(row(page, "Nightly digest")).toHaveCount(0);
  expect((await page.request.get(`/api/v1/projects/${projectId}/workflows/${digest.id}`)).status()).toBe(404);

  // Keyboard: the name is a link; Enter opens the editor.
  await row(page, "Welcome series").getByRole("link", { name: "Welcome series" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
});

test("empty state creates a workflow and opens it; a failed load offers a retry", async ({ page }) => {
  const { projectId } = await signUpWithProject(page, "Empty workflows project");
  await page.goto(`/${projectId}/workflows`);
  await expect(page.getByText("No workflows yet")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/workflows-empty.png`, fullPage: true });

  await page.getByRole("button", { name: "New workflow" }).last().click();
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
  await page.goBack();
  await expect(row(page, "Untitled workflow")).toContainText("App Event · none chosen");

  // The unfiltered list comes with the page; a search is fetched by the browser, and a failed one says so.
  let failing = true;
  await page.route(
    (url) => url.pathname === `/api/v1/projects/${projectId}/workflows` && url.searchParams.has("q"),
    (route) => (failing ? route.fulfill({ status: 404, json: { error: { code: "not_found", message: "Project not found" } } }) : route.continue()),
  );
  await typeInto(page.getByLabel("Search workflows by name"), "digest");
  await expect(page.getByText("Could not load workflows")).toBeVisible();
  failing = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("No workflows match “digest”")).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(row(page, "Untitled workflow")).toBeVisible();
});
