import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { inspectPasswordResetToken } from "@/lib/accounts/password-reset";
import { createBuilderWithPassword } from "./account-helpers";

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/account-reset-link.ts", ...args], {
    env: { ...process.env, DATA_DIR: "/nonexistent-switchyard-data", PORT: "4321" },
  });

describe("npm run account:reset-link", () => {
  it("prints a working reset link for a builder's email", async () => {
    const builder = await createBuilderWithPassword();
    const { stdout, stderr } = await run([builder.email]);
    const url = new URL(stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe("http://localhost:4321/reset-password");
    expect(await inspectPasswordResetToken(url.searchParams.get("token"))).toEqual({ state: "valid", email: builder.email });
    expect(stderr).toContain("Valid until");
  });

  it("fails with a clear message for an unknown email, printing no link", async () => {
    const error = await run(["nobody-at-all@example.test"]).catch((failure: { code: number; stdout: string; stderr: string }) => failure);
    expect(error).toMatchObject({ code: 1, stdout: "", stderr: expect.stringContaining("No builder has the email nobody-at-all@example.test") });
  });
});
