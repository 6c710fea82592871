// The account features of issue 17, done as a person does them: typed key by key, clicked, in real browsers.
import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { signUpWithProject, typeInto } from "./helpers";

async function openAccountPage(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await typeInto(page.getByLabel("Email"), email);
  await typeInto(page.getByLabel("Password"), password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("the account page changes the name and the password; the new password signs in, the old one no longer does", async ({ page }) => {
  const { email, password } = await signUpWithProject(page, "Account flows");
  await openAccountPage(page);
  await expect(page.getByTestId("session-current")).toContainText("This session");

  await typeInto(page.getByLabel("Name"), "Ada Builder");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved")).toBeVisible();

  // A wrong current password is refused beside its field, and the typed new password stays.
  await typeInto(page.getByLabel("Current password"), "not my password");
  await typeInto(page.getByLabel("New password"), "a new passphrase 2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not correct")).toBeVisible();
  await typeInto(page.getByLabel("Current password"), password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed")).toBeVisible();
  // This browser stays signed in.
  await expect(page.getByTestId("session-current")).toBeVisible();

  await page.getByRole("link", { name: "Back to Account flows" }).click();
  await expect(page.getByRole("button", { name: "Account menu" })).toContainText("Ada Builder");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, email, password);
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await signIn(page, email, "a new passphrase 2");
  await expect(page).toHaveURL(/\/workflows$/);
});

test("signing out the other sessions signs that browser out", async ({ page, browser }) => {
  const { projectId, email, password } = await signUpWithProject(page, "Two browsers");
  const other = await newPage(browser);
  await signIn(other.page, email, password);
  await expect(other.page).toHaveURL(/\/workflows$/);

  await openAccountPage(page);
  await expect(page.getByTestId("session-other")).toHaveCount(1);
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("1 other browser will be signed out");
  await dialog.getByRole("button", { name: "Sign out others" }).click();
  await expect(page.getByText("Signed out 1 session")).toBeVisible();
  await expect(page.getByTestId("session-other")).toHaveCount(0);

  await other.page.goto(`/${projectId}/workflows`);
  await expect(other.page).toHaveURL(/\/sign-in/);
  // The first browser is still signed in.
  await page.goto(`/${projectId}/workflows`);
  await expect(page).toHaveURL(/\/workflows$/);
  await other.context.close();
});

test("forgot password answers the same for any email, and a bad reset link says so", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await typeInto(page.getByLabel("Email"), "not an email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await typeInto(page.getByLabel("Email"), `nobody-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account uses")).toBeVisible();

  await page.goto(`/reset-password?token=${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
});

test("an owner invites a builder by link; they sign up from it and join; members cannot invite; the last owner stays", async ({ page, browser }) => {
  const { projectId } = await signUpWithProject(page, "Invite flows");
  const inviteeEmail = `invitee-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto(`/${projectId}/settings?tab=members`);
  await page.getByRole("button", { name: "Invite builder" }).click();
  const dialog = page.getByRole("dialog");
  await typeInto(dialog.getByLabel("Email"), inviteeEmail);
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const link = (await dialog.getByTestId("invite-link").innerText()).trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByRole("button", { name: "Copy invite link" })).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`invite-${inviteeEmail}`)).toBeVisible();

  // The invitee, in another browser, opens the link, creates an account with the invited email and lands in the project.
  const invitee = await newPage(browser);
  // The link's origin is the one `npm start` announced (localhost); the browsers here use 127.0.0.1, whose cookies differ.
  const invitePath = new URL(link).pathname;
  await invitee.page.goto(invitePath);
  await expect(invitee.page.getByRole("heading", { name: "Join Invite flows" })).toBeVisible();
  await typeInto(invitee.page.getByLabel("Name"), "Invited Builder");
  await typeInto(invitee.page.getByLabel("Password", { exact: true }), "invited passphrase");
  await invitee.page.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.page).toHaveURL(new RegExp(`/${projectId}/workflows$`));

  // A member sees the members but cannot invite.
  await invitee.page.goto(`/${projectId}/settings?tab=members`);
  await expect(invitee.page.getByTestId(`member-${inviteeEmail}`)).toContainText("(you)");
  await expect(invitee.page.getByRole("button", { name: "Invite builder" })).toHaveCount(0);
  await expect(invitee.page.getByText("Only owners can invite builders or change roles.")).toBeVisible();

  // The link is spent.
  await invitee.page.goto(invitePath);
  await expect(invitee.page.getByRole("heading", { name: "This invite has already been accepted" })).toBeVisible();

  // The owner cannot demote the only owner, and removes the member after confirming.
  await page.reload();
  const members = page.getByTestId(`member-${inviteeEmail}`);
  await expect(members).toBeVisible();
  await expect(page.getByTestId(`invite-${inviteeEmail}`)).toHaveCount(0);
  const ownerRow = page.locator('[data-testid^="member-"]').filter({ hasText: "(you)" });
  await ownerRow.getByRole("combobox").selectOption("member");
  await expect(page.getByText("A project must keep at least one owner")).toBeVisible();
  await members.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  await expect(members).toHaveCount(0);

  await invitee.page.goto(`/${projectId}/workflows`);
  // Removed: the project is now a 404 for them.
  await expect(invitee.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await invitee.context.close();
});
