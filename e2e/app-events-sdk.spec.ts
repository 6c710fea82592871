import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { importPKCS8, SignJWT } from "jose";
import { confirmSecretSaved, signUpWithProject, typeInto } from "./helpers";

// The size the review used: the App Event dialog's editor shows the whole two-field schema at 900 px
// (Monaco renders only the lines in view, so a shorter window would hide "required").
test.use({ viewport: { width: 1440, height: 900 } });

test("define an App Event in Monaco, send it from a page through /sdk.js, and follow it to its run", async ({ page, baseURL }) => {
  const { projectId } = await signUpWithProject(page);

  // A signing key; its private key (shown once) signs the end user's token below.
  await page.getByRole("button", { name: "Generate key pair" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Generate" }).click();
  const privateKeyPem = (await page.getByTestId("one-time-secret").textContent()) ?? "";
  await confirmSecretSaved(page, "private key");

  // The App Event, typed into Monaco: invalid JSON blocks saving with an inline error; fixed, it saves.
  await page.getByRole("link", { name: "App Events" }).click();
  await page.getByRole("button", { name: "New App Event" }).first().click();
  const dialog = page.getByRole("dialog");
  await typeInto(dialog.getByLabel("Name"), "Contact Created");
  const editor = dialog.locator(".monaco-editor").first();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText('{ "name": "Brandon", "email": ');
  await expect(dialog.getByText(/Cannot save yet/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Create App Event" })).toBeDisabled();
  await expect(dialog.getByText(/Line \d+/).first()).toBeVisible();
  await page.keyboard.insertText('"brandon@example.com" }');
  await expect(dialog.getByText(/Cannot save yet/)).toHaveCount(0);
  await dialog.getByRole("tab", { name: "JSON Schema" }).click();
  await expect(dialog.locator(".monaco-editor").last()).toContainText('"email"');
  await expect(dialog.locator(".monaco-editor").last()).toContainText('"required"');
  await dialog.getByRole("button", { name: "Create App Event" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Contact Created", exact: true })).toBeVisible();

  // A deployed workflow on it, for every user (the visual editor is a later issue; the API is the same).
  const appEvents = await (await page.request.get(`/api/v1/projects/${projectId}/app-events`)).json();
  const appEventId = appEvents.appEvents.find((event: { name: string }) => event.name === "Contact Created").id;
  const created = await page.request.post(`/api/v1/projects/${projectId}/workflows`, {
    data: {
      name: "Map contacts",
      enabledForAllUsers: true,
      graph: {
        trigger: { type: "app_event", appEventId },
        steps: [{ id: "map", name: "Map", type: "function", config: { code: "function (params) { return { email: params.email } }", params: [{ key: "email", value: "{{trigger.payload.email}}" }] } }],
        edges: [{ id: "e1", source: "trigger", target: "map" }],
      },
    },
  });
  expect(created.status()).toBe(201);
  const workflow = await created.json();
  expect((await page.request.post(`/api/v1/projects/${projectId}/workflows/${workflow.id}/deploy`, { data: {} })).status()).toBe(201);

  // The SaaS app's page, on another origin, loads the SDK by script tag and sends the event for its user.
  const key = await importPKCS8(privateKeyPem.trim(), "RS256");
  const token = await new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setSubject("user-42").setIssuedAt().setExpirationTime("1h").sign(key);
  const html = `<!doctype html><html><body><script src="${baseURL}/sdk.js"></script><script>
    switchyard.authenticate(${JSON.stringify(projectId)}, ${JSON.stringify(token)})
      .then(() => switchyard.event("Contact Created", { name: "Brandon", email: "brandon@example.com" }))
      .then((result) => { document.body.dataset.result = JSON.stringify(result); })
      .catch((error) => { document.body.dataset.error = error.code + ": " + error.message; });
  </script></body></html>`;
  // The SaaS app's own origin: another port, so the SDK's calls are cross-origin, as in production.
  const saasApp = http.createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => saasApp.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(saasApp.address() as AddressInfo).port}/`);
    await expect
      .poll(async () => (await page.locator("body").getAttribute("data-error")) ?? (await page.locator("body").getAttribute("data-result")), { timeout: 15_000 })
      .toMatch(/eventId/);
  } finally {
    saasApp.close();
  }
  const result = JSON.parse((await page.locator("body").getAttribute("data-result")) ?? "{}");
  expect(result.runs).toEqual([{ runId: expect.any(String), workflowId: workflow.id }]);

  // The Event Log shows the event with its run; Task History shows the run succeeded.
  await page.goto(`/${projectId}/events`);
  const row = page.getByTestId(`event-${result.eventId}`);
  await expect(row).toContainText("Contact Created");
  await expect(row).toContainText("user-42");
  await page.goto(`/${projectId}/runs`);
  const run = page.getByTestId(`run-${result.runs[0].runId}`);
  await expect(run).toContainText("Succeeded", { timeout: 20_000 });

  // Search, typed as a person types: the Event Log's name box matches any part in any case.
  await page.goto(`/${projectId}/events`);
  const eventName = page.getByLabel("Event name or type");
  await typeInto(eventName, "contact cr");
  await expect(page).toHaveURL(/name=contact/);
  await expect(row).toBeVisible();
  await typeInto(eventName, "invoice");
  await expect(row).toBeHidden();
  await expect(page.getByText("No events match these filters")).toBeVisible();

  // Task History's search finds a run by part of its user's id, and by the event's id.
  await page.goto(`/${projectId}/runs`);
  const search = page.getByRole("searchbox", { name: "Search" });
  await typeInto(search, "er-4");
  await expect(page).toHaveURL(/q=er-4/);
  await expect(run).toBeVisible();
  await typeInto(search, "nobody-here");
  await expect(page.getByText("No runs match these filters")).toBeVisible();
  await typeInto(search, result.eventId);
  await expect(run).toBeVisible();
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(search).toHaveValue("");

  // Connected Users lists the user the token named, with the metadata-free row and a link to their runs.
  await page.getByRole("link", { name: "Connected Users" }).click();
  const user = page.getByTestId("user-user-42");
  await expect(user).toBeVisible();
  await typeInto(page.getByRole("searchbox", { name: "User ID" }), "someone-else");
  await expect(page.getByText("No user ID starts with “someone-else”")).toBeVisible();
  await page.getByRole("button", { name: "Clear the search" }).first().click();
  await user.getByRole("link", { name: /Runs/ }).click();
  await expect(page).toHaveURL(/\/runs\?q=user-42/);
  await expect(run).toBeVisible();
});
