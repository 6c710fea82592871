import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { confirmSecretSaved, typeInto } from "./helpers";

test("sign up, create a project, manage signing and API keys, sign out and back in", async ({ page, request }) => {
  const email = `builder-${randomUUID().slice(0, 8)}@example.test`;
  const password = "correct horse battery";

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await typeInto(page.getByLabel("Name"), "E2E Builder");
  await typeInto(page.getByLabel("Work email"), email);
  await typeInto(page.getByLabel("Password"), password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Create a project" })).toBeVisible();
  await typeInto(page.getByLabel("Project name"), "Acme CRM");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/settings\?tab=sdk/);
  const projectId = page.url().split("/")[3];

  // Signing key: the private key is shown once; after a reload only the public part remains.
  await page.getByRole("button", { name: "Generate key pair" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Generate" }).click();
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toContainText("BEGIN PRIVATE KEY");
  await confirmSecretSaved(page, "private key");
  await expect(page.getByTestId("signing-key-Production")).toContainText("Active");
  await page.reload();
  await expect(page.getByTestId("signing-key-Production")).toBeVisible();
  await expect(page.getByText("BEGIN PRIVATE KEY")).toHaveCount(0);

  // API key: create it, use it, revoke it, and see it refused.
  await page.getByRole("tab", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Create API key" }).click();
  await typeInto(page.getByLabel("Name"), "ci");
  await page.getByRole("button", { name: "Create key" }).click();
  const apiKey = (await page.getByTestId("one-time-secret").textContent())?.trim() ?? "";
  expect(apiKey).toMatch(/^sy_/);
  await confirmSecretSaved(page, "API key");

  const headers = { authorization: `Bearer ${apiKey}` };
  const allowed = await request.get(`/api/v1/projects/${projectId}`, { headers });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ id: projectId, name: "Acme CRM", role: null });

  await page.getByTestId("api-key-ci").getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("api-key-ci")).toContainText("Revoked");

  const refused = await request.get(`/api/v1/projects/${projectId}`, { headers });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "The API key is not valid or has been revoked" } });

  // Sign out, then back in, landing on the project.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/${projectId}/settings`);
  await expect(page).toHaveURL(/\/sign-in/);
  await typeInto(page.getByLabel("Email"), email);
  await typeInto(page.getByLabel("Password"), password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${projectId}/workflows`));
  await expect(page.getByRole("heading", { name: "Workflows" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await typeInto(page.getByLabel("Email"), "nobody@example.test");
  await typeInto(page.getByLabel("Password"), "not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("Email or password is incorrect.");
});

test("another builder's project answers 404", async ({ page, browser, baseURL }) => {
  const signUp = async (signUpPage: Page, name: string) => {
    await signUpPage.goto("/sign-up");
    await typeInto(signUpPage.getByLabel("Name"), name);
    await typeInto(signUpPage.getByLabel("Work email"), `builder-${randomUUID().slice(0, 8)}@example.test`);
    await typeInto(signUpPage.getByLabel("Password"), "correct horse battery");
    await signUpPage.getByRole("button", { name: "Create account" }).click();
    await expect(signUpPage.getByRole("heading", { name: "Create a project" })).toBeVisible();
  };

  // The other tenant: a second builder, in a browser of their own, with a real project.
  const ownerContext = await browser.newContext({ baseURL });
  const ownerPage = await ownerContext.newPage();
  await signUp(ownerPage, "Owner");
  await typeInto(ownerPage.getByLabel("Project name"), "Not yours");
  await ownerPage.getByRole("button", { name: "Create project" }).click();
  await expect(ownerPage).toHaveURL(/\/settings\?tab=sdk/);
  const projectId = new URL(ownerPage.url()).pathname.split("/")[1];
  const pages = ["/settings", "/workflows", "/app-events", "/events", "/runs", "/users"].map((tail) => `/${projectId}${tail}`);
  // The same pages and API answer their owner, so the stranger's 404s below are about tenancy, not the address.
  for (const path of pages) expect({ path, status: (await ownerPage.goto(path))?.status() }).toEqual({ path, status: 200 });
  expect((await ownerPage.request.get(`/api/v1/projects/${projectId}`)).status()).toBe(200);

  await signUp(page, "Stranger");
  for (const path of pages) {
    expect({ path, status: (await page.goto(path))?.status() }).toEqual({ path, status: 404 });
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Not yours")).toHaveCount(0);
  }
  // page.request sends this browser's session cookie.
  const notFound = { error: { code: "not_found", message: "Project not found" } };
  const calls = [
    () => page.request.get(`/api/v1/projects/${projectId}`),
    () => page.request.get(`/api/v1/projects/${projectId}/workflows`),
    () => page.request.patch(`/api/v1/projects/${projectId}`, { data: { name: "Taken over" } }),
  ];
  for (const call of calls) {
    const response = await call();
    expect({ url: response.url(), status: response.status(), body: await response.json() }).toEqual({ url: response.url(), status: 404, body: notFound });
  }
  const owned = await ownerPage.request.get(`/api/v1/projects/${projectId}`);
  expect(await owned.json()).toMatchObject({ id: projectId, name: "Not yours" });
  await ownerContext.close();
});
