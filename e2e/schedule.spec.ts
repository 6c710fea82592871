import { expect, test, type Page } from "@playwright/test";
import { signUpWithProject } from "./helpers";

const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? "test-results/screenshots";

/** The ids of the workflow's runs, newest first (the end user's side is seeded through the management API). */
async function runIds(page: Page, projectId: string, workflowId: string): Promise<string[]> {
  const response = await page.request.get(`/api/v1/projects/${projectId}/runs?workflowId=${workflowId}&limit=100`);
  expect(response.ok()).toBe(true);
  const { runs } = (await response.json()) as { runs: { id: string }[] };
  return runs.map((run) => run.id);
}

/** Replaces a text field's value the way a person does: select it all, then type. */
async function retype(page: Page, field: ReturnType<Page["getByLabel"]>, text: string) {
  await field.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

// Tall enough for the trigger panel to show the schedule's fields and its preview together in the screenshot.
test.use({ viewport: { width: 1280, height: 1300 } });

test("a Seconds schedule set in the editor fires runs with their scheduled time, and stops when undeployed", async ({ page }) => {
  test.setTimeout(180_000);
  const { projectId } = await signUpWithProject(page, "Schedule project");
  await page.getByRole("link", { name: "Workflows" }).click();
  await page.getByRole("button", { name: "New workflow" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
  const workflowId = page.url().split("/").at(-1) as string;
  await retype(page, page.getByLabel("Workflow name"), "Heartbeat");

  // The trigger: a schedule. Cron is checked as it is typed, with croner's reason.
  await page.locator(".react-flow__node-workflow", { hasText: "Starts the workflow" }).click();
  const panel = page.getByRole("complementary", { name: "Trigger" });
  await panel.getByLabel("Starts when", { exact: true }).selectOption("schedule");
  await panel.getByLabel("Every", { exact: true }).selectOption({ label: "Cron expression" });
  await retype(page, panel.getByLabel("Cron expression"), "0 25 * * *");
  await expect(panel.getByRole("alert").filter({ hasText: /hour/i })).toBeVisible();
  await retype(page, panel.getByLabel("Cron expression"), "30 1,2 7,14 3,11 *");
  await expect(panel.getByRole("alert")).toHaveCount(0);
  const zone = panel.getByRole("combobox", { name: "Time zone" });
  await expect(zone).toHaveValue("Project default (UTC)");
  await zone.click();
  await page.keyboard.type("new york");
  await page.keyboard.press("Enter");
  await expect(zone).toHaveValue("America/New_York");

  // The preview marks both of New York's DST days: 02:30 is skipped in March, 01:30 repeats in November.
  const preview = panel.getByRole("list", { name: "Next fire times" });
  await expect(preview.getByRole("listitem")).toHaveCount(10);
  await expect(preview.getByText("Clocks go forward").first()).toBeVisible();
  await expect(preview.getByText("Clocks go back").first()).toBeVisible();
  await expect(preview).toContainText("02:30 does not exist on 2027-03-14 (the clocks go forward): runs at 03:00");
  await expect(preview).toContainText("01:30 happens twice on 2027-11-07 (the clocks go back): runs once, at the first (UTC-04:00)");
  await panel.getByLabel("Starts when", { exact: true }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/schedule-trigger-dst.png` });

  // Seconds, every 2, in a zone picked by searching.
  await panel.getByLabel("Every", { exact: true }).selectOption({ label: "N seconds" });
  await retype(page, panel.getByLabel("Interval"), "0");
  await expect(panel.getByText("Use a whole number from 1 to 59")).toBeVisible();
  await retype(page, panel.getByLabel("Interval"), "2");
  await zone.click();
  await page.keyboard.type("berl");
  await expect(panel.getByRole("option", { name: /^Europe\/Berlin/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(zone).toHaveValue("Europe/Berlin");

  // The preview: ten times, 2 s apart, in Berlin's offset.
  await expect(preview.getByRole("listitem")).toHaveCount(10);
  const [first, second] = await preview.locator("time").evaluateAll((times) => times.slice(0, 2).map((time) => Date.parse(time.getAttribute("datetime") ?? "")));
  expect(second - first).toBe(2000);
  await expect(preview).toContainText(/UTC\+0[12]:00/);
  await expect(panel.getByText("In Europe/Berlin, counted from now")).toBeVisible();
  await panel.getByText(/^Run all within a window/).click();
  await expect(panel.getByLabel("Catch-up window", { exact: true })).toHaveValue("1");
  await expect(panel.getByLabel("Catch-up window unit")).toHaveValue("hours");
  await panel.getByLabel("Catch-up window unit").selectOption("minutes");
  await retype(page, panel.getByLabel("Catch-up window", { exact: true }), "90");
  await expect(panel.getByRole("alert")).toHaveCount(0);
  await panel.getByText("When the user's previous run is still going").scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/schedule-policies.png` });
  await panel.getByLabel("Starts when", { exact: true }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/schedule-trigger-panel.png` });
  await panel.getByText(/^Skip them/).click();

  // A step that reads the tick, picked from the variable picker with its sample value.
  await page.getByRole("button", { name: "Add a step after Trigger" }).click();
  await page.getByRole("menuitem", { name: "Function" }).click();
  const functionPanel = page.getByRole("complementary", { name: "Step Function" });
  await functionPanel.getByRole("button", { name: "Add" }).first().click();
  await functionPanel.getByLabel("Parameters 1 name").click();
  await page.keyboard.type("at");
  await functionPanel.getByLabel("Parameters 1 value").click();
  await page.keyboard.type("{{");
  const option = functionPanel.getByRole("listbox", { name: "Variables" }).getByRole("option", { name: /^trigger\.scheduledAt\b/ });
  await expect(option).toContainText(/"\d{4}-\d{2}-\d{2}T/);
  await option.click();
  await expect(functionPanel.getByLabel("Parameters 1 value")).toHaveValue("{{ trigger.scheduledAt }}");
  await expect(functionPanel.getByTestId("bad-reference")).toHaveCount(0);
  await functionPanel.locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // One line: Monaco closes brackets as they are typed (see workflow-done-when.spec.ts).
  await page.keyboard.insertText("function (params, context) { return { at: params.at, zone: context.trigger.timezone }; }");
  await expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 15_000 });

  // The SaaS app's user switches it on (the Connect Portal's call), then the builder deploys.
  const enabled = await page.request.put(`/api/v1/projects/${projectId}/users/user-1/workflows/${workflowId}`, { data: {} });
  expect(enabled.ok()).toBe(true);
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Deployed v1")).toBeVisible({ timeout: 15_000 });

  // The schedule's status: ticks that ran, the next ones, pause and resume, backfill.
  await page.locator(".react-flow__node-workflow", { hasText: "Starts the workflow" }).click();
  await panel.getByRole("tab", { name: "Schedule status" }).click();
  await expect(panel.getByText("Active", { exact: true })).toBeVisible();
  const lastTick = panel.getByRole("region", { name: "Last tick" });
  await expect(lastTick).toContainText("1 run", { timeout: 15_000 });
  await expect(lastTick).toContainText("On time");
  await expect(panel.getByRole("region", { name: "Next ticks" }).getByRole("listitem")).toHaveCount(10);

  await panel.getByRole("button", { name: "Pause" }).click();
  const pauseDialog = page.getByRole("dialog", { name: "Pause the schedule" });
  await pauseDialog.getByLabel("Note (optional)").click();
  await page.keyboard.type("Maintenance until noon");
  await pauseDialog.getByRole("button", { name: "Pause schedule" }).click();
  await expect(pauseDialog).toHaveCount(0);
  await expect(panel.getByText("Paused", { exact: true })).toBeVisible();
  await expect(panel.getByText("Maintenance until noon")).toBeVisible();
  await expect(panel.getByText("None while the schedule is paused.")).toBeVisible();
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/schedule-status-paused.png` });
  await page.waitForTimeout(4_500);
  await panel.getByRole("button", { name: "Resume" }).click();
  await expect(panel.getByText("Active", { exact: true })).toBeVisible();
  // The ticks missed while paused are listed as skipped, in plain words.
  await expect(panel.getByRole("region", { name: "Recently skipped" })).toContainText("The schedule was paused");

  // Backfill: a range too large is refused at its field; a past minute runs (ticks that ran are not run again).
  await panel.getByRole("button", { name: "Backfill" }).click();
  const backfill = page.getByRole("dialog", { name: "Backfill past ticks" });
  const to = await backfill.getByLabel("To (Europe/Berlin)").inputValue();
  const dayBefore = new Date(Date.parse(`${to}:00Z`) - 86_400_000).toISOString().slice(0, 16);
  await backfill.getByLabel("From (Europe/Berlin)").fill(dayBefore);
  await backfill.getByRole("button", { name: "Review" }).click();
  // The confirmation counts the range's ticks before anything runs.
  await expect(backfill.getByRole("status")).toHaveText("The range holds more than 1,000 ticks.");
  await backfill.getByRole("button", { name: "Run backfill" }).click();
  await expect(backfill.getByText("At most 1000 ticks per backfill")).toBeVisible();
  await expect(backfill.getByLabel("From (Europe/Berlin)")).toHaveAttribute("aria-invalid", "true");
  await backfill.screenshot({ path: `${SCREENSHOT_DIR}/schedule-backfill-refused.png` });
  const minuteBefore = new Date(Date.parse(`${to}:00Z`) - 60_000).toISOString().slice(0, 16);
  await backfill.getByLabel("From (Europe/Berlin)").fill(minuteBefore);
  await backfill.getByRole("button", { name: "Review" }).click();
  await expect(backfill).toContainText("Each one starts real runs");
  await expect(backfill.getByRole("status")).toContainText("The range holds 30 ticks");
  await backfill.getByRole("button", { name: "Run backfill" }).click();
  await expect(backfill.getByRole("status")).toContainText(/Backfilled 30 ticks: \d+ runs? started/);
  await backfill.getByRole("button", { name: "Done" }).click();
  await expect(panel.getByRole("region", { name: "Last tick" })).toContainText("Ran");
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/schedule-status.png` });

  // Task History: the runs, each with its scheduled time.
  await page.getByRole("link", { name: "Task History" }).click();
  const rows = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Heartbeat", exact: true }) });
  await expect(rows.first()).toContainText("Schedule");
  await expect(rows.first().locator('time[title^="Scheduled for"]')).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/schedule-task-history.png`, fullPage: true });
  await rows.first().getByRole("link", { name: "Heartbeat", exact: true }).click();
  await expect(page.getByText("Scheduled for")).toBeVisible();
  await expect(page.getByText("Europe/Berlin").first()).toBeVisible();

  // Undeploy: no run appears afterwards.
  await page.goto(`/${projectId}/workflows/${workflowId}`);
  await page.getByRole("button", { name: "Undeploy" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Undeploy" }).click();
  await expect(page.getByRole("button", { name: "Undeploy" })).toHaveCount(0, { timeout: 15_000 });
  const afterUndeploy = await runIds(page, projectId, workflowId);
  await page.waitForTimeout(6_000);
  expect(await runIds(page, projectId, workflowId)).toEqual(afterUndeploy);
  await page.locator(".react-flow__node-workflow", { hasText: "Starts the workflow" }).click();
  await panel.getByRole("tab", { name: "Schedule status" }).click();
  await expect(panel.getByText("Not deployed on a schedule")).toBeVisible();
});
