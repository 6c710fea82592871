// The flows a new user found broken (issue 17), done the way a person does them: typed key by key, clicked.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { signUpWithProject, typeInto } from "./helpers";

const nodes = (page: Page) => page.locator(".react-flow__node-workflow");
const saved = (page: Page) => expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 15_000 });

/** What Monaco shows, as text: its view renders spaces as no-break spaces. */
async function monacoText(editor: Locator): Promise<string> {
  const text = await editor.locator(".view-lines").innerText();
  return text.replace(/\u00a0/g, " ");
}

/** Clears a Monaco editor and types into it key by key, as a person would (Monaco closes brackets and quotes itself). */
async function typeInMonaco(page: Page, editor: Locator, text: string) {
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

async function openNewWorkflow(page: Page, graph: (appEventId: string) => object) {
  const { projectId, email, password } = await signUpWithProject(page, "New user flows");
  const event = await page.request.post(`/api/v1/projects/${projectId}/app-events`, { data: { name: "Contact Created", example: { name: "Ada", email: "ada@example.com" } } });
  expect(event.status()).toBe(201);
  const appEventId = (await event.json()).id as string;
  const created = await page.request.post(`/api/v1/projects/${projectId}/workflows`, { data: { name: "New user flows", graph: graph(appEventId) } });
  expect(created.status()).toBe(201);
  const workflowId = (await created.json()).id as string;
  await page.goto(`/${projectId}/workflows/${workflowId}`);
  await expect(nodes(page).first()).toBeVisible();
  return { projectId, workflowId, email, password };
}

const savedGraph = async (page: Page, projectId: string, workflowId: string) => {
  const response = await page.request.get(`/api/v1/projects/${projectId}/workflows/${workflowId}`);
  expect(response.status()).toBe(200);
  return (await response.json()).graph as { testData?: unknown; steps: { type: string; config: { code?: string } }[] };
};

test("Space types in the editor's code boxes: the trigger's test data and a Function's code", async ({ page }) => {
  const { projectId, workflowId } = await openNewWorkflow(page, (appEventId) => ({ trigger: { type: "app_event", appEventId }, steps: [], edges: [] }));

  // The trigger's test data, typed (Monaco closes the braces and quotes; typing the closing one steps over it).
  await nodes(page).first().click();
  const trigger = page.getByRole("complementary", { name: "Trigger" });
  const testData = trigger.locator(".monaco-editor").last();
  await typeInMonaco(page, testData, '{"name": "Ada Lovelace", "email": "ada@example.com"}');
  // What the view shows (word wrap splits it into lines), and what was saved: every key typed, none lost.
  expect((await monacoText(testData)).replace(/\n/g, "")).toContain('"name": "Ada Lovelace", "email": "ada@example.com"');
  await saved(page);
  expect((await savedGraph(page, projectId, workflowId)).testData).toEqual({ name: "Ada Lovelace", email: "ada@example.com" });

  await page.getByRole("button", { name: "Add a step after Trigger", exact: true }).click();
  await page.getByRole("menuitem", { name: "Function", exact: true }).first().click();
  const panel = page.getByRole("complementary", { name: "Step Function" });

  // The code, typed with its spaces. Before the fix Space reached the canvas (pan) and "// hi there" became "//hithere".
  const code = panel.locator(".monaco-editor");
  await typeInMonaco(page, code, "// hi there");
  await page.keyboard.press("Enter");
  await page.keyboard.type('function (params) { return { greeting: "Hello " + params.who');
  const typed = await monacoText(code);
  expect(typed).toContain("// hi there\n");
  expect(typed).toContain('function (params) { return { greeting: "Hello " + params.who');
  await saved(page);
  const fn = (await savedGraph(page, projectId, workflowId)).steps.find((step) => step.type === "function");
  // Monaco's own closing braces follow.
  expect(fn?.config.code?.startsWith('// hi there\nfunction (params) { return { greeting: "Hello " + params.who')).toBe(true);
});

test("a Function parameter's value box is wide enough to read what was typed", async ({ page }) => {
  await openNewWorkflow(page, (appEventId) => ({
    trigger: { type: "app_event", appEventId },
    steps: [{ id: "greet", name: "Greet", type: "function", config: { code: "function (params) { return {} }", params: [] } }],
    edges: [{ id: "e1", source: "trigger", target: "greet" }],
  }));
  await nodes(page).filter({ hasText: "Greet" }).click();
  const panel = page.getByRole("complementary", { name: "Step Greet" });
  await panel.getByRole("button", { name: "Add" }).first().click();
  await typeInto(panel.getByLabel("Parameters 1 name"), "who");
  const value = panel.getByLabel("Parameters 1 value");
  await typeInto(value, "{{ trigger.payload.name }}");
  await expect(value).toHaveValue("{{ trigger.payload.name }}");
  const valueBox = await value.boundingBox();
  const nameBox = await panel.getByLabel("Parameters 1 name").boundingBox();
  // Before the fix the name box took the row and the value box was about 50 px wide.
  expect(valueBox?.width ?? 0).toBeGreaterThan(180);
  expect(valueBox?.width ?? 0).toBeGreaterThan(nameBox?.width ?? Infinity);
});

test("Test step runs a Function step in the production build", async ({ page }) => {
  await openNewWorkflow(page, (appEventId) => ({
    trigger: { type: "app_event", appEventId },
    steps: [
      {
        id: "greet",
        name: "Greet",
        type: "function",
        config: { code: 'function (params) { return { greeting: "Hello " + params.who } }', params: [{ key: "who", value: "{{trigger.payload.name}}" }] },
      },
    ],
    edges: [{ id: "e1", source: "trigger", target: "greet" }],
  }));
  await nodes(page).filter({ hasText: "Greet" }).click();
  const panel = page.getByRole("complementary", { name: "Step Greet" });
  // In the web server's production bundle: the Function runs in the sandbox. Before the fix every Function
  // step failed here with "SandboxError: … The argument 'filename' must be a file URL …".
  await panel.getByRole("button", { name: "Test step" }).click();
  const result = panel.getByTestId("step-test-result");
  await expect(result).toContainText("succeeded", { timeout: 20_000 });
  await expect(result).toContainText('"greeting": "Hello Ada"');
  await expect(panel.getByRole("alert")).toHaveCount(0);
});

test("sign-in works at localhost as well as at 127.0.0.1", async ({ page, baseURL }) => {
  const { email, password } = await signUpWithProject(page, "Two hosts");
  const loopback = new URL(baseURL ?? "http://127.0.0.1:3210");
  // The README's host. Before the fix the session cookie landed on 127.0.0.1 and this came back to sign-in.
  const localhost = new URL(loopback);
  localhost.hostname = "localhost";
  for (const origin of [localhost, loopback]) {
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto(new URL("/sign-in", origin).toString());
    await typeInto(page.getByLabel("Email"), email);
    await typeInto(page.getByLabel("Password"), password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`^${origin.origin.replaceAll(".", "\\.")}/[0-9a-f-]{36}/workflows`));
    await expect(page.getByRole("heading", { name: "Workflows" })).toBeVisible();
  }
});

test("the sign-in and sign-up forms keep what was typed and mark the field in error", async ({ page }) => {
  const { email, password } = await signUpWithProject(page, "Forms");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // A wrong password keeps the email and says what went wrong.
  await typeInto(page.getByLabel("Email"), email);
  await typeInto(page.getByLabel("Password"), "not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await typeInto(page.getByLabel("Password"), password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Workflows" })).toBeVisible();
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Sign-up with a short password keeps the name and the email, and marks the password.
  await page.goto("/sign-up");
  await typeInto(page.getByLabel("Name"), "Grace Hopper");
  await typeInto(page.getByLabel("Work email"), `grace-${Date.now()}@example.test`);
  await typeInto(page.getByLabel("Password"), "short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue("Grace Hopper");
  await expect(page.getByLabel("Work email")).toHaveValue(/^grace-\d+@example\.test$/);
});

test("Test workflow names the problems; Deploy says so; Undeploy asks first; a shown old version hides Deploy and Test", async ({ page }) => {
  await openNewWorkflow(page, (appEventId) => ({
    trigger: { type: "app_event", appEventId },
    steps: [{ id: "request_1", name: "Post to the CRM", type: "request", config: { method: "POST", url: "", headers: [], query: [] } }],
    edges: [{ id: "e1", source: "trigger", target: "request_1" }],
  }));

  // Refused with the step's name and the field's label, not "request_1" and "config.url".
  await page.getByRole("button", { name: "Test workflow" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Test run refused" });
  await expect(refused).toContainText("1 problem to fix");
  await expect(refused).toContainText("Post to the CRM · URL: Enter the URL to call");
  await expect(refused).not.toContainText("config.url");
  await refused.getByRole("button", { name: /Post to the CRM/ }).click();
  const panel = page.getByRole("complementary", { name: "Step Post to the CRM" });
  await expect(panel.getByRole("list", { name: "Problems" })).toContainText("URL: Enter the URL to call");
  await typeInto(panel.getByLabel("URL"), "https://example.com/hook");
  await saved(page);

  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Deployed version 1")).toBeVisible();
  await expect(page.getByText("Deployed v1")).toBeVisible();

  // Undeploy stops the workflow for every user: it asks, and Cancel changes nothing.
  await page.getByRole("button", { name: "Undeploy" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("stops for every user");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Deployed v1")).toBeVisible();

  // While version 1 is shown read-only, nothing can test or deploy what is not on screen.
  await page.getByRole("button", { name: "History" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /View/ }).first().click();
  await expect(page.getByText(/Viewing version 1/)).toBeVisible();
  for (const name of ["Deploy", "Undeploy", "Test workflow"]) await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Back to draft" }).click();

  await page.getByRole("button", { name: "Undeploy" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Undeploy" }).click();
  await expect(page.getByText("Undeployed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undeploy" })).toHaveCount(0);
});
