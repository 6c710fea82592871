// The documentation screenshots: every page at 1440×900, in the light and the dark theme, as
// docs/screenshots/<page>-light.png and <page>-dark.png, with docs/screenshots/README.md as their gallery. Taken
// from the production build on a fresh DATA_DIR: a project seeded through the UI, /api/v1 and the SDK endpoint,
// Request steps answered by a stub HTTP server on 127.0.0.1 (allowed with REQUEST_ALLOW_HOSTS). After UI changes:
//   npm run docs:screenshots
// Pages are driven by roles and labels, so that the script survives changes of layout and styling. The theme is
// switched with the emulated system setting, which the app follows while no theme is chosen in the toggle.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { launchChromium, newContext, projectApi, sendAppEvent, signUpWithProject, startApp } from "../lib/app-harness";
import { CONTACT_EVENT, onboardingGraph } from "../lib/sample-graphs";

const PORT = Number(process.env.DOCS_PORT ?? 3540);
const OUT = path.resolve("docs/screenshots");
const SCHEMES = ["light", "dark"] as const;

/** Answers the onboarding workflow's Request steps like the services they stand for. */
function startStub(): Promise<{ url: string; close: () => Promise<void> }> {
  let leads = 1041;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const route = request.url ?? "/";
      const body = route.startsWith("/crm/leads")
        ? { id: `lead_${(leads += 1)}`, status: "created", owner: "Sales EMEA" }
        : route.startsWith("/slack")
          ? { ok: true, channel: "C024BE91L", ts: "1764220800.000200" }
          : { subscribed: true, list: "Product updates" };
      response.writeHead(route.startsWith("/crm/leads") ? 201 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

const functionStep = (id: string, name: string, code: string, params: [string, string][]) => ({
  id,
  name,
  type: "function" as const,
  continueOnFailure: false,
  config: { code: `function (params, context) {\n  ${code}\n}`, params: params.map(([key, value]) => ({ key, value })) },
});
const requestStep = (id: string, name: string, url: string, json: string) => ({
  id,
  name,
  type: "request" as const,
  continueOnFailure: false,
  config: { method: "POST" as const, url, headers: [], query: [], body: { kind: "json" as const, json }, auth: { type: "none" as const }, timeoutMs: 10_000, idempotencyKey: true },
});
const chain = (trigger: TWorkflowGraph["trigger"], steps: TWorkflowGraph["steps"]): TWorkflowGraph => ({
  trigger,
  steps,
  edges: steps.map((step, i) => ({ id: `e${i}`, source: i === 0 ? "trigger" : steps[i - 1].id, target: step.id })),
});

/** The side panel narrows the canvas: fit the whole workflow into what is left, and move the mouse away. */
async function fitCanvas(page: Page) {
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
}

/** Every shot taken, in order, for the gallery. */
const shots: { name: string; title: string }[] = [];

/** The page as it is now, once per theme; dialogs, menus and selections stay open across the switch. */
async function shoot(page: Page, name: string, title: string) {
  await page.waitForLoadState("networkidle");
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    if (scheme === "dark") await expect(page.locator("html")).toHaveClass(/(^|\s)dark(\s|$)/);
    else await expect(page.locator("html")).not.toHaveClass(/(^|\s)dark(\s|$)/);
    // Monaco repaints in its new theme on the next frame.
    await page.waitForTimeout(300);
    const file = `${name}-${scheme}.png`;
    await page.screenshot({ path: path.join(OUT, file), animations: "disabled" });
    console.log(`docs: wrote docs/screenshots/${file}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  shots.push({ name, title });
}

function writeGallery() {
  const rows = shots.map(({ name, title }) => `| ${title} | ![${title}, light](${name}-light.png) | ![${title}, dark](${name}-dark.png) |`);
  const text = [
    "# Screenshots",
    "",
    "Every page of Switchyard at 1440×900, in the light and the dark theme, taken by `npm run docs:screenshots`",
    "(scripts/docs/screenshots.ts) from the production build with a seeded project. Run it again after UI changes.",
    "",
    "| Page | Light | Dark |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(OUT, "README.md"), text);
  console.log("docs: wrote docs/screenshots/README.md");
}

async function main() {
  const stub = await startStub();
  const app = await startApp({ port: PORT, label: "docs-screenshots", env: { REQUEST_ALLOW_HOSTS: "127.0.0.1" } });
  const browser = await launchChromium();
  try {
    fs.mkdirSync(OUT, { recursive: true });
    // Signed out first: the auth pages.
    const guest = await (await newContext(browser)).newPage();
    await guest.goto(`${app.baseUrl}/sign-in`);
    await expect(guest.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await shoot(guest, "sign-in", "Sign in");
    await guest.goto(`${app.baseUrl}/sign-up`);
    await expect(guest.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await shoot(guest, "sign-up", "Sign up");
    await guest.goto(`${app.baseUrl}/forgot-password`);
    await expect(guest.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await shoot(guest, "forgot-password", "Forgot password");
    await guest.context().close();

    const context = await newContext(browser);
    const page = await context.newPage();
    const projectId = await signUpWithProject(page, { baseUrl: app.baseUrl, builderName: "Maya Chen", projectName: "Acme CRM", email: "maya@acme.example" });
    const api = projectApi(context.request, app.baseUrl, projectId);
    const contact = await api.createAppEvent(CONTACT_EVENT);
    await api.createAppEvent({ name: "Invoice Paid", example: { invoiceId: "in_1PQ8", customer: "cus_42", amount: 4900, currency: "eur" } });

    // The workflows, in the states a real project has them: deployed, changed since deploying, drafts.
    const sync = await api.createWorkflow({
      name: "Sync new contacts",
      description: "Copies each new contact into the customer's CRM.",
      enabledForAllUsers: true,
      graph: chain({ type: "app_event", appEventId: contact.id }, [
        functionStep("map_contact", "Map the contact", "return { email: params.email.toLowerCase() };", [["email", "{{trigger.payload.email}}"]]),
        requestStep("upsert", "Upsert the contact", `${stub.url}/crm/leads`, `{ "email": "{{steps.map_contact.output.email}}" }`),
      ]),
    });
    await api.deployWorkflow(sync.id);
    const onboarding = await api.createWorkflow({ name: "Onboard new contacts", description: "Leads for business addresses, the newsletter for the rest.", graph: onboardingGraph({ appEventId: contact.id, stubUrl: stub.url }) });
    await api.deployWorkflow(onboarding.id);
    const invoices = await api.createWorkflow({
      name: "Stripe: invoice paid",
      graph: chain({ type: "webhook", source: { kind: "integration", integration: "stripe", event: "invoice.paid" } }, [
        requestStep("mark_paid", "Mark the invoice paid", `${stub.url}/crm/leads`, `{ "invoice": "{{trigger.payload.id}}" }`),
      ]),
    });
    await api.deployWorkflow(invoices.id);
    await api.createWorkflow({
      name: "Nightly usage report",
      graph: chain({ type: "schedule", schedule: { every: "daily", interval: 1, time: "02:00", timezone: "Europe/Berlin" }, catchUp: { policy: "skip", windowSeconds: 3600 }, overlap: "skip" }, [
        functionStep("summarise", "Summarise usage", "return { day: context.now };", []),
      ]),
    });
    await api.createWorkflow({
      name: "Lead enrichment API",
      graph: chain({ type: "request", method: "POST" }, [
        functionStep("enrich", "Enrich the lead", "return { domain: String(params.email).split('@')[1] };", [["email", "{{trigger.payload.email}}"]]),
        { id: "respond", name: "Respond", type: "response", continueOnFailure: false, config: { statusCode: 200, headers: [], body: "{{steps.enrich.output}}" } },
      ]),
    });

    // Runs of the deployed onboarding workflow: one down each branch, for Task History.
    const business = await api.startRun(onboarding.id, { source: "deployed", userId: "usr_1042", payload: CONTACT_EVENT.example });
    await api.startRun(onboarding.id, { source: "deployed", userId: "usr_2210", payload: { ...CONTACT_EVENT.example, name: "Sam Rivera", email: "sam.rivera@gmail.com" } });
    await expect.poll(async () => (await api.getRun(business.runId)).status, { timeout: 60_000 }).toBe("succeeded");

    // App Events from the SaaS app, for a few of its users: the Event Log, Connected Users and more runs.
    const signingKey = await api.call<{ privateKeyPem: string }>("POST", "/signing-keys", { name: "Production" });
    const send = (userId: string, name: string, payload: Record<string, unknown>) =>
      sendAppEvent({ baseUrl: app.baseUrl, projectId, privateKeyPem: signingKey.privateKeyPem, userId, name, payload });
    await send("usr_1042", CONTACT_EVENT.name, CONTACT_EVENT.example);
    await send("usr_2210", CONTACT_EVENT.name, { ...CONTACT_EVENT.example, name: "Sam Rivera", email: "sam.rivera@gmail.com" });
    await send("usr_3307", "Invoice Paid", { invoiceId: "in_1PQ9", customer: "cus_77", amount: 12900, currency: "eur" });
    const latest = await send("usr_3307", CONTACT_EVENT.name, { ...CONTACT_EVENT.example, name: "Grace Hopper", email: "grace@navy.example" });
    // A second project, so the project switcher has a choice.
    const billing = await context.request.post(`${app.baseUrl}/api/v1/projects`, { data: { name: "Acme Billing" } });
    if (!billing.ok()) throw new Error(`POST /api/v1/projects answered ${billing.status()}: ${await billing.text()}`);
    // A later edit of the draft: the workflow is now "changed", with v1 still live.
    const current = await api.call<{ draftRevision: number; graph: TWorkflowGraph }>("GET", `/workflows/${onboarding.id}`);
    const graph = { ...current.graph, steps: current.graph.steps.map((step) => (step.type === "delay" ? { ...step, name: "Wait two days", config: { value: 2, unit: "days" as const } } : step)) };
    await api.updateWorkflow(onboarding.id, { draftRevision: current.draftRevision, graph });

    await page.goto(`${app.baseUrl}/${projectId}/workflows`);
    await expect(page.getByRole("link", { name: "Lead enrichment API" })).toBeVisible();
    await expect(page.getByText("Changes not deployed")).toBeVisible();
    await shoot(page, "workflows", "Workflows");

    await page.getByRole("button", { name: /Switch project/ }).click();
    await expect(page.getByRole("menuitem", { name: "Acme Billing" })).toBeVisible();
    await shoot(page, "projects", "Projects (the project switcher)");
    await page.keyboard.press("Escape");

    await page.goto(`${app.baseUrl}/${projectId}/workflows/${onboarding.id}`);
    const canvasNode = (name: string) => page.getByRole("group", { name: `Step ${name}`, exact: true });
    await canvasNode("Business email?").click({ position: { x: 60, y: 20 } });
    await expect(page.getByRole("complementary", { name: "Step Business email?" })).toBeVisible();
    await fitCanvas(page);
    await shoot(page, "workflow-editor", "Workflow editor, a step selected");

    // Adding after a Conditional: one submenu per branch.
    await page.getByRole("button", { name: "Add a step after Business email?", exact: true }).click();
    await page.getByRole("menuitem", { name: "If false", exact: true }).hover();
    await expect(page.getByRole("menuitem", { name: "Request", exact: true })).toBeVisible();
    await shoot(page, "workflow-add-step", "Workflow editor, adding a step on a branch");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Test workflow" }).click();
    await expect(canvasNode("Tell the sales channel").getByLabel("Succeeded")).toBeVisible({ timeout: 60_000 });
    await canvasNode("Create the CRM lead").click({ position: { x: 60, y: 20 } });
    const result = page.getByRole("complementary", { name: "Step Create the CRM lead" }).getByRole("region", { name: "Test run result" });
    await expect(result.getByText("lead_", { exact: false })).toBeVisible();
    await result.scrollIntoViewIfNeeded();
    await fitCanvas(page);
    await shoot(page, "workflow-test-run", "Workflow editor, a test run");

    await page.goto(`${app.baseUrl}/${projectId}/app-events`);
    await expect(page.getByTestId("app-event-Invoice Paid")).toBeVisible();
    await shoot(page, "app-events", "App Events");
    await page.getByRole("button", { name: CONTACT_EVENT.name, exact: true }).click();
    const appEventDialog = page.getByRole("dialog", { name: `Edit “${CONTACT_EVENT.name}”` });
    await expect(appEventDialog.locator(".monaco-editor").first()).toBeVisible();
    await page.mouse.move(0, 0);
    await shoot(page, "app-event-dialog", "App Event dialog");
    await page.keyboard.press("Escape");

    await page.goto(`${app.baseUrl}/${projectId}/events`);
    await expect(page.getByTestId(`event-${latest.eventId}`)).toBeVisible();
    await shoot(page, "event-log", "Event Log");
    await page.goto(`${app.baseUrl}/${projectId}/events?event=${latest.eventId}`);
    await expect(page.getByRole("dialog", { name: CONTACT_EVENT.name })).toBeVisible();
    await shoot(page, "event-detail", "Event Log, one event");

    await page.goto(`${app.baseUrl}/${projectId}/runs`);
    await expect(page.getByTestId(`run-${latest.runs[0].runId}`)).toContainText("Succeeded", { timeout: 60_000 });
    await shoot(page, "task-history", "Task History");

    await page.goto(`${app.baseUrl}/${projectId}/runs/${business.runId}`);
    await page.getByRole("button", { name: /Create the CRM lead/ }).click();
    await expect(page.getByText("lead_", { exact: false }).first()).toBeVisible();
    await page.mouse.move(0, 0);
    await shoot(page, "run-detail", "Task History, one run");

    await page.goto(`${app.baseUrl}/${projectId}/users`);
    await expect(page.getByTestId("user-usr_3307")).toBeVisible();
    await shoot(page, "connected-users", "Connected Users");

    for (const [tab, label] of [["general", "General"], ["members", "Members"], ["sdk", "SDK setup"], ["api-keys", "API keys"], ["notifications", "Notifications"]] as const) {
      await page.goto(`${app.baseUrl}/${projectId}/settings?tab=${tab}`);
      await expect(page.getByRole("tab", { name: label, selected: true })).toBeVisible();
      await shoot(page, tab === "general" ? "settings" : `settings-${tab}`, `Settings, ${label}`);
    }

    await page.goto(`${app.baseUrl}/account`);
    await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
    await expect(page.getByText("This session")).toBeVisible();
    await shoot(page, "account", "Account");

    await page.goto(`${app.baseUrl}/new-project`);
    await expect(page.getByRole("heading", { name: "Create a project" })).toBeVisible();
    await shoot(page, "new-project", "New project");

    await page.goto(`${app.baseUrl}/${projectId}/no-such-page`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await shoot(page, "not-found", "Not found");

    writeGallery();
  } finally {
    await browser.close();
    await app.stop();
    await stub.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
