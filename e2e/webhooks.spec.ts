import { createHmac, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUpWithProject } from "./helpers";

const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? "test-results/screenshots";

/** Replaces a text field's value the way a person does: select it all, then type. */
async function retype(page: Page, field: ReturnType<Page["getByLabel"]>, text: string) {
  await field.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

/** A push delivery as GitHub sends it: signed over the raw body with the endpoint's secret. */
async function sendPush(url: string, secret: string, body: object) {
  const text = JSON.stringify(body);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(text).digest("hex")}`,
    },
    body: text,
  });
  return { status: response.status, body: await response.json() };
}

test.use({ viewport: { width: 1280, height: 1300 } });

test("a GitHub push captured with Listen for test event feeds the variable picker; deployed, a signed push runs and shows in the Event Log", async ({ page }) => {
  test.setTimeout(180_000);
  const { projectId } = await signUpWithProject(page, "Webhook project");
  await page.getByRole("link", { name: "Workflows" }).click();
  await page.getByRole("button", { name: "New workflow" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
  await retype(page, page.getByLabel("Workflow name"), "On push");

  // The trigger: GitHub's push, with its endpoint created here.
  await page.locator(".react-flow__node-workflow", { hasText: "Starts the workflow" }).click();
  const panel = page.getByRole("complementary", { name: "Trigger" });
  await panel.getByLabel("Starts when", { exact: true }).selectOption("webhook");
  await panel.getByLabel("Integration", { exact: true }).selectOption({ label: "GitHub" });
  await panel.getByLabel("Event", { exact: true }).selectOption({ label: "Push" });
  await panel.getByRole("button", { name: "Create endpoint URL" }).click();
  const urlField = panel.getByRole("textbox", { name: "Endpoint URL" });
  await expect(urlField).toHaveValue(new RegExp(`/projects/${projectId}/webhooks/[0-9a-f-]{36}$`));
  const endpointUrl = await urlField.inputValue();
  await panel.getByRole("button", { name: "Reveal" }).click();
  await expect(panel.getByRole("button", { name: "Copy the secret" })).toBeVisible();
  const secret = await panel.getByRole("textbox", { name: "Secret", exact: true }).inputValue();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);

  // Deliveries find their user by the GitHub App installation id the user's metadata holds.
  await panel.getByRole("button", { name: /GitHub App installation id/ }).click();
  await expect(panel.getByRole("textbox", { name: "JSON path" })).toHaveValue("installation.id");
  await panel.getByRole("button", { name: "Save endpoint settings" }).click();
  await expect(panel.getByText("Saved", { exact: true })).toBeVisible();
  const metadata = await page.request.patch(`/api/v1/projects/${projectId}/users/octo-user`, { data: { meta: { providerIds: { github: "42" } } } });
  expect(metadata.ok()).toBe(true);

  // Listen for test event: the next delivery becomes the trigger's test data.
  await panel.getByRole("button", { name: "Listen for test event" }).click();
  await expect(panel.getByText(/Listening… \d:\d\d/)).toBeVisible();
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/webhook-trigger-listening.png` });
  const captured = await sendPush(endpointUrl, secret, { ref: "refs/heads/main", installation: { id: 42 }, head_commit: { message: "Fix the build" } });
  expect(captured).toMatchObject({ status: 200, body: { status: "accepted", runs: [] } });
  await expect(panel.getByRole("status").filter({ hasText: "Captured “push”" })).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByRole("button", { name: "Listen for test event" })).toBeVisible();
  await expect(panel.locator(".monaco-editor").last()).toContainText("refs/heads/main");
  await panel.screenshot({ path: `${SCREENSHOT_DIR}/webhook-trigger-captured.png` });

  // A step that reads the captured payload, picked from the variable picker with its value.
  await page.getByRole("button", { name: "Add a step after Trigger" }).click();
  await page.getByRole("menuitem", { name: "Function" }).click();
  const functionPanel = page.getByRole("complementary", { name: "Step Function" });
  await functionPanel.getByRole("button", { name: "Add" }).first().click();
  await functionPanel.getByLabel("Parameters 1 name").click();
  await page.keyboard.type("ref");
  await functionPanel.getByLabel("Parameters 1 value").click();
  await page.keyboard.type("{{");
  const option = functionPanel.getByRole("listbox", { name: "Variables" }).getByRole("option", { name: /^trigger\.payload\.ref\b/ });
  await expect(option).toContainText("refs/heads/main");
  await option.click();
  await expect(functionPanel.getByLabel("Parameters 1 value")).toHaveValue("{{ trigger.payload.ref }}");
  await functionPanel.locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("function (params) { return { branch: params.ref }; }");
  await expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 15_000 });
  await page.request.put(`/api/v1/projects/${projectId}/users/octo-user/workflows/${page.url().split("/").at(-1)}`, { data: {} });
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Deployed v1")).toBeVisible({ timeout: 15_000 });

  // Deployed: a signed push starts one run for octo-user; a tampered one is refused and starts none.
  const delivered = await sendPush(endpointUrl, secret, { ref: "refs/heads/release", installation: { id: 42 } });
  expect(delivered.status).toBe(200);
  expect(delivered.body.runs).toHaveLength(1);
  const refused = await sendPush(endpointUrl, "not the secret", { ref: "refs/heads/evil", installation: { id: 42 } });
  expect(refused).toMatchObject({ status: 401, body: { error: { code: "unauthorized", details: { reason: "bad_signature" } } } });

  // The Event Log shows both beside App Events: the accepted push with its run, the refused one with why.
  await page.goto(`/${projectId}/events`);
  const row = page.getByTestId(`event-${delivered.body.eventId}`);
  await expect(row).toContainText("push");
  await expect(row).toContainText("octo-user");
  await expect(row).toContainText(/accepted/i);
  await expect(page.getByTestId(`event-${refused.body.error.details.eventId}`)).toContainText(/rejected/i);
  await row.click();
  const drawer = page.getByRole("dialog");
  await expect(drawer).toContainText("X-Hub-Signature-256".toLowerCase());
  await expect(drawer).toContainText("••••••");
  await expect(drawer).toContainText("refs/heads/release");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/event-log-webhook-delivery.png` });
  await page.goto(`/${projectId}/runs`);
  await expect(page.getByTestId(`run-${delivered.body.runs[0].runId}`)).toContainText("Succeeded", { timeout: 20_000 });
});
