import { expect, type Page, test } from "@playwright/test";
import { signUpWithProject, typeInto } from "./helpers";

const nodes = (page: Page) => page.locator(".react-flow__node-workflow");
const node = (page: Page, name: string) => page.locator(".react-flow__node-workflow", { has: page.getByText(name, { exact: true }) });
const saved = (page: Page) => expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 15_000 });

/** A project with a "Contact Created" App Event, and the editor of a new workflow on it. */
async function openNewWorkflow(page: Page, graph?: object): Promise<{ projectId: string; workflowId: string; appEventId: string }> {
  const { projectId } = await signUpWithProject(page, "Editor behaviours");
  const event = await page.request.post(`/api/v1/projects/${projectId}/app-events`, { data: { name: "Contact Created", example: { name: "Ada", email: "ada@example.com" } } });
  expect(event.status()).toBe(201);
  const appEventId = (await event.json()).id as string;
  const created = await page.request.post(`/api/v1/projects/${projectId}/workflows`, {
    data: { name: "Behaviours", graph: graph ?? { trigger: { type: "app_event", appEventId }, steps: [], edges: [] } },
  });
  expect(created.status()).toBe(201);
  const workflowId = (await created.json()).id as string;
  await page.goto(`/${projectId}/workflows/${workflowId}`);
  await expect(nodes(page).first()).toBeVisible();
  return { projectId, workflowId, appEventId };
}

/** After a branching step the types sit in one submenu per branch; `branch` names it ("If true"). */
async function addAfter(page: Page, nodeTitle: string, type: string, branch?: string) {
  await page.getByRole("button", { name: `Add a step after ${nodeTitle}`, exact: true }).click();
  if (branch) await page.getByRole("menuitem", { name: branch, exact: true }).click();
  await page.getByRole("menuitem", { name: type, exact: true }).click();
}

/** Clears the selection so shortcuts go to the canvas, not a form field. */
async function focusCanvas(page: Page) {
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 300 } });
}

test("undo and redo with the keyboard and the header buttons", async ({ page }) => {
  await openNewWorkflow(page);
  await addAfter(page, "Trigger", "Function");
  await addAfter(page, "Function", "Delay");
  await expect(nodes(page)).toHaveCount(3);
  await focusCanvas(page);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(nodes(page)).toHaveCount(2);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(nodes(page)).toHaveCount(1);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(nodes(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(nodes(page)).toHaveCount(3);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(nodes(page)).toHaveCount(2);
  await saved(page);
  await page.reload();
  await expect(nodes(page)).toHaveCount(2);
});

test("copy, paste and duplicate steps, with references between copied steps following the new ids", async ({ page }) => {
  await openNewWorkflow(page);
  await addAfter(page, "Trigger", "Conditional");
  await addAfter(page, "Conditional", "Request", "If true");
  const request = page.getByRole("complementary", { name: "Step Request" });
  await typeInto(request.getByLabel("URL"), "https://example.com/{{ steps.conditional_1.output }}");
  // A click on a node focuses the node, so the shortcuts reach the canvas rather than a form field.
  await node(page, "Conditional").click();
  await page.keyboard.press("ControlOrMeta+c");
  await expect(page.getByText("2 steps copied")).toBeVisible();
  await node(page, "Request").click();
  await page.keyboard.press("ControlOrMeta+v");
  await expect(nodes(page)).toHaveCount(5);
  await expect(node(page, "Conditional copy")).toBeVisible();
  await node(page, "Request copy").click();
  await expect(page.getByRole("complementary", { name: "Step Request copy" }).getByLabel("URL")).toHaveValue("https://example.com/{{ steps.conditional_2.output }}");
  // Duplicate from the panel, then with Ctrl+D.
  await page.getByRole("button", { name: "Duplicate step" }).click();
  await expect(nodes(page)).toHaveCount(6);
  await node(page, "Request copy 2").click();
  await page.keyboard.press("ControlOrMeta+d");
  await expect(nodes(page)).toHaveCount(7);
  await saved(page);
});

test("deploy-time problems are shown on their nodes, and a fixed workflow deploys", async ({ page }) => {
  await openNewWorkflow(page);
  await addAfter(page, "Trigger", "Request");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Deploy refused" })).toBeVisible();
  await expect(node(page, "Request").getByText(/problem/)).toBeAttached();
  await node(page, "Request").click();
  const panel = page.getByRole("complementary", { name: "Step Request" });
  await expect(panel.getByRole("list", { name: "Problems" })).toContainText("URL");
  await typeInto(panel.getByLabel("URL"), "https://example.com/hook");
  await expect(node(page, "Request").getByText(/problem/)).toHaveCount(0);
  await saved(page);
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Deployed v1")).toBeVisible();
});

test("a template reference to a missing field or a step that runs later is underlined before deploy", async ({ page }) => {
  await openNewWorkflow(page);
  await addAfter(page, "Trigger", "Function");
  await addAfter(page, "Function", "Request");
  await node(page, "Function").click();
  const panel = page.getByRole("complementary", { name: "Step Function" });
  await panel.getByRole("button", { name: "Add" }).first().click();
  await typeInto(panel.getByLabel("Parameters 1 value"), "{{ steps.request_1.output }} {{ trigger.payload.phone }} {{ trigger.payload.email }}");
  // Under the field, each bad reference with its reason (deploy's own problem list says the same above).
  await expect(panel.getByText('{{ steps.request_1.output }}: "request_1" does not run before this step', { exact: true })).toBeVisible();
  await expect(panel.getByText("{{ trigger.payload.phone }}: The trigger's test data has no phone", { exact: true })).toBeVisible();
  await expect(panel.getByTestId("bad-reference")).toHaveCount(2);
  await typeInto(panel.getByLabel("Parameters 1 value"), "{{ trigger.payload.email }}");
  await expect(panel.getByTestId("bad-reference")).toHaveCount(0);
});

test("version history: view a deployed version read-only and restore it into the draft", async ({ page }) => {
  const { projectId, workflowId } = await openNewWorkflow(page);
  await addAfter(page, "Trigger", "Delay");
  await saved(page);
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Deployed v1")).toBeVisible();
  await addAfter(page, "Delay", "Function");
  await expect(nodes(page)).toHaveCount(3);
  await saved(page);

  await page.getByRole("button", { name: "History" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /View/ }).first().click();
  await expect(page.getByText(/Viewing version 1/)).toBeVisible();
  await expect(nodes(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Restore into draft" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Restore into draft" }).click();
  await expect(page.getByText(/Viewing version 1/)).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(2);
  await saved(page);
  const draft = await (await page.request.get(`/api/v1/projects/${projectId}/workflows/${workflowId}`)).json();
  expect(draft.graph.steps.map((step: { type: string }) => step.type)).toEqual(["delay"]);
});

test("two tabs editing one draft: the stale tab gets a conflict message instead of overwriting", async ({ page, context }) => {
  const { projectId, workflowId } = await openNewWorkflow(page);
  const other = await context.newPage();
  await other.goto(`/${projectId}/workflows/${workflowId}`);
  await expect(nodes(other).first()).toBeVisible();

  await typeInto(page.getByLabel("Workflow name"), "Renamed in tab one");
  await saved(page);
  await typeInto(other.getByLabel("Workflow name"), "Renamed in tab two");
  await expect(other.getByText(/changed in another tab or by someone else/)).toBeVisible({ timeout: 15_000 });
  const stored = await (await page.request.get(`/api/v1/projects/${projectId}/workflows/${workflowId}`)).json();
  expect(stored.name).toBe("Renamed in tab one");
});

test("export, then import the file as a new workflow with the same steps", async ({ page }) => {
  const { projectId } = await openNewWorkflow(page);
  await addAfter(page, "Trigger", "Function");
  await addAfter(page, "Function", "Conditional");
  await typeInto(page.getByLabel("Workflow name"), "Round trip");
  await saved(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.switchyard\.json$/);
  const file = await download.path();
  const before = page.url();
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
  await expect(page.getByLabel("Workflow name")).toHaveValue("Round trip");
  await expect(nodes(page)).toHaveCount(3);
  await expect(node(page, "Conditional")).toBeVisible();
});

test("scheduler and webhook trigger settings are saved and come back after a reload", async ({ page }) => {
  await openNewWorkflow(page);
  await nodes(page).first().click();
  const panel = page.getByRole("complementary", { name: "Trigger" });
  await panel.getByLabel("Starts when", { exact: true }).selectOption("schedule");
  await panel.getByLabel("Every", { exact: true }).selectOption("weekly");
  await panel.getByLabel("Mon", { exact: true }).uncheck();
  await panel.getByLabel("Tue", { exact: true }).check();
  await panel.getByLabel("Fri", { exact: true }).check();
  await panel.getByLabel("At (HH:MM)", { exact: true }).fill("07:30");
  await typeInto(panel.getByLabel("Time zone", { exact: true }), "Europe/Paris");
  await page.keyboard.press("Enter");
  await saved(page);
  await page.reload();
  await nodes(page).first().click();
  await expect(panel.getByLabel("Every", { exact: true })).toHaveValue("weekly");
  await expect(panel.getByLabel("Tue", { exact: true })).toBeChecked();
  await expect(panel.getByLabel("Fri", { exact: true })).toBeChecked();
  await expect(panel.getByLabel("Mon", { exact: true })).not.toBeChecked();
  await expect(panel.getByLabel("At (HH:MM)", { exact: true })).toHaveValue("07:30");
  await expect(panel.getByLabel("Time zone", { exact: true })).toHaveValue("Europe/Paris");

  await panel.getByLabel("Starts when", { exact: true }).selectOption("webhook");
  await panel.getByLabel("Integration", { exact: true }).selectOption({ label: "Stripe" });
  await panel.getByLabel("Event", { exact: true }).selectOption({ label: "Invoice paid" });
  await saved(page);
  await page.reload();
  await nodes(page).first().click();
  await expect(panel.getByLabel("Starts when", { exact: true })).toHaveValue("webhook");
  await expect(panel.getByLabel("Integration", { exact: true })).toHaveValue("stripe");
  await expect(panel.getByLabel("Event", { exact: true })).toHaveValue("invoice.paid");
  // The node's summary line says the same.
  await expect(nodes(page).first()).toContainText("Webhook · Stripe · invoice.paid");

  // An event outside the common list is typed by name, and comes back as typed.
  await panel.getByLabel("Event", { exact: true }).selectOption({ label: "Another event…" });
  await panel.getByLabel("Event name", { exact: true }).click();
  await page.keyboard.type("invoice.voided");
  await saved(page);
  await page.reload();
  await nodes(page).first().click();
  await expect(panel.getByLabel("Event", { exact: true })).toHaveValue("__other__");
  await expect(panel.getByLabel("Event name", { exact: true })).toHaveValue("invoice.voided");
});
