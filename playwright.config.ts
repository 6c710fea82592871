import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
// Playwright cannot download its own browsers here; Debian's Chromium is used where installed.
const executablePath = fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
// A fresh DATA_DIR per run: a fresh embedded database, so e2e never depends on earlier leftovers.
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-e2e-"));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    // REQUEST_ALLOW_HOSTS lets Request steps reach the stub servers the specs start on loopback.
    env: { PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, API_RATE_LIMIT_PER_MINUTE: "100000", REQUEST_ALLOW_HOSTS: "127.0.0.1" },
  },
});
