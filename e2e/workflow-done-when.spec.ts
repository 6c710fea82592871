import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { importPKCS8, SignJWT } from "jose";
import { confirmSecretSaved, signUpWithProject, typeInto } from "./helpers";

// The editor issue's whole flow, through the UI only (the end user's event comes from the SaaS side).
test("build a workflow in the editor, test it, deploy it, and follow the SDK event to Task History", async ({ page }) => {
  test.setTimeout(180_000);
  const received: { path: string; body: string }[] = [];
  const stub = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `crm-${received.length}`, ok: true }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  const stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/contacts`;

  try {
    const { projectId } = await signUpWithProject(page, "Done-when project");
    await page.getByRole("button", { name: "Generate key pair" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Generate" }).click();
    const privateKeyPem = (await page.getByTestId("one-time-secret").textContent()) ?? "";
    await confirmSecretSaved(page, "private key");

    // 1. A new workflow.
    await page.getByRole("link", { name: "Workflows" }).click();
    await page.getByRole("button", { name: "New workflow" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows/[0-9a-f-]{36}$`));
    await typeInto(page.getByLabel("Workflow name"), "Sync new contacts");

    // 2. The trigger: App Event "Contact Created", created right here with its example in Monaco.
    await page.locator(".react-flow__node-workflow", { hasText: "Starts the workflow" }).click();
    const triggerPanel = page.getByRole("complementary", { name: "Trigger" });
    await triggerPanel.getByRole("button", { name: "Create new App Event" }).click();
    const dialog = page.getByRole("dialog");
    await typeInto(dialog.getByLabel("Name"), "Contact Created");
    await dialog.locator(".monaco-editor").first().click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText('{ "name": "Ada", "email": "ada@example.com" }');
    await dialog.getByRole("button", { name: "Create App Event" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(triggerPanel.getByLabel("App Event")).toHaveValue(/[0-9a-f-]{36}/);
    await expect(triggerPanel.getByLabel("App Event").locator("option:checked")).toHaveText("Contact Created");
    await triggerPanel.getByLabel(/Every connected user/).check();
    // The test data starts as the event's example.
    await expect(triggerPanel.locator(".monaco-editor")).toContainText("ada@example.com");

    // 3. A Function step whose parameter is picked from the variable picker.
    await page.getByRole("button", { name: "Add a step after Trigger" }).click();
    await page.getByRole("menuitem", { name: "Function" }).click();
    const functionPanel = page.getByRole("complementary", { name: "Step Function" });
    await functionPanel.getByRole("button", { name: "Add" }).first().click();
    await typeInto(functionPanel.getByLabel("Parameters 1 name"), "email");
    const paramValue = functionPanel.getByLabel("Parameters 1 value");
    await paramValue.click();
    await paramValue.pressSequentially("{{");
    const picker = functionPanel.getByRole("listbox", { name: "Variables" });
    await expect(picker).toBeVisible();
    const option = picker.getByRole("option", { name: /^trigger\.payload\.email\b/ });
    await expect(option).toContainText("string");
    await option.click();
    await expect(paramValue).toHaveValue("{{ trigger.payload.email }}");
    await functionPanel.locator(".monaco-editor").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    // One line: Monaco closes brackets as they are typed, and on one line the typed closers overtype them.
    await page.keyboard.insertText('function (params) { return { email: params.email, domain: params.email.split("@")[1] }; }');

    // 4. A Conditional on the function's output.
    await page.getByRole("button", { name: "Add a step after Function" }).click();
    await page.getByRole("menuitem", { name: "Conditional" }).click();
    const conditionPanel = page.getByRole("complementary", { name: "Step Conditional" });
    await typeInto(conditionPanel.getByLabel("Rule 1 value to test"), "{{ steps.function_1.output.domain }}");
    await typeInto(conditionPanel.getByLabel("Rule 1 compare with"), "example.com");

    // 5. On its "true" branch, a Request to the local stub.
    await page.getByRole("button", { name: "Add a step after Conditional" }).click();
    await page.getByRole("menuitem", { name: "If true" }).click();
    await page.getByRole("menuitem", { name: "Request" }).click();
    const requestPanel = page.getByRole("complementary", { name: "Step Request" });
    await requestPanel.getByLabel("Method").selectOption("POST");
    await typeInto(requestPanel.getByLabel("URL"), `${stubUrl}?email={{ steps.function_1.output.email }}`);
    await expect(requestPanel.getByText(/does not run before|There is no step/)).toHaveCount(0);
    await expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 15_000 });

    // 6. Test workflow: every step runs and shows its output.
    await page.getByRole("button", { name: "Test workflow" }).click();
    await expect(page.locator(".react-flow__node").getByLabel("Succeeded")).toHaveCount(4, { timeout: 30_000 });
    await expect.poll(() => received.length).toBe(1);
    expect(received[0].path).toBe("/contacts?email=ada@example.com");
    await page.locator(".react-flow__node-workflow", { hasText: "POST http" }).click();
    const result = page.getByRole("region", { name: "Test run result" });
    await expect(result).toContainText('"statusCode"');
    await expect(result).toContainText("crm-1");
    await page.locator(".react-flow__node", { hasText: "Function" }).first().click();
    await expect(page.getByRole("region", { name: "Test run result" })).toContainText('"domain"');

    // 7. Deploy.
    await page.getByRole("button", { name: "Deploy" }).click();
    await expect(page.getByText("Deployed v1")).toBeVisible({ timeout: 15_000 });

    // 8. The SaaS backend sends the event for its user through the SDK endpoint.
    const key = await importPKCS8(privateKeyPem.trim(), "RS256");
    const token = await new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setSubject("user-7").setIssuedAt().setExpirationTime("1h").sign(key);
    const sent = await page.request.post(`/projects/${projectId}/sdk/events/trigger`, {
      headers: { authorization: `Bearer ${token}` },
      data: { name: "Contact Created", payload: { name: "Grace", email: "grace@example.com" } },
    });
    expect(sent.status()).toBe(201);
    const { runs } = await sent.json();
    expect(runs).toHaveLength(1);

    // 9. Task History shows the run, succeeded, with the path it took.
    await page.goto(`/${projectId}/runs`);
    const row = page.getByTestId(`run-${runs[0].runId}`);
    await expect(row).toContainText("Succeeded", { timeout: 30_000 });
    await row.getByRole("link").first().click();
    await expect(page.getByText("(taken)")).toHaveCount(1);
    await expect(page.getByRole("button", { name: /Request.*Succeeded/ })).toBeVisible();
    expect(received.at(-1)?.path).toBe("/contacts?email=grace@example.com");
  } finally {
    stub.close();
  }
});
