// What the editor benchmark and the documentation screenshots share: the production app on a fresh
// DATA_DIR (as `npm start` runs it), Debian's Chromium launched as playwright.config.ts does, a builder
// signed up through the UI, the management API called with that builder's session, and App Events sent
// through the SDK endpoint.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { importPKCS8, SignJWT } from "jose";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];
export const VIEWPORT = { width: 1440, height: 900 };

export type TApp = { baseUrl: string; dataDir: string; pid: number; stop: () => Promise<void> };

/**
 * `npm start` (web + one worker, embedded PostgreSQL; it builds first when the sources changed) on a
 * fresh DATA_DIR under the OS temp dir. Resolves once it printed "ready at"; stop() ends it by PID.
 */
export async function startApp(options: { port: number; label: string; env?: Record<string, string> }): Promise<TApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-${options.label}-`));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(options.port), HOST: "127.0.0.1", API_RATE_LIMIT_PER_MINUTE: "100000", ...options.env };
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        keep(chunk);
        if (chunk.toString().includes("ready at")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`the app exited (code ${code}) before it was ready:\n${output.join("").slice(-3000)}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${options.port}`, dataDir, pid: child.pid ?? -1, stop };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined, args: CHROMIUM_ARGS });
}

/**
 * A 1440×900 browser context. tsx compiles with esbuild's keepNames, which wraps named functions in
 * `__name(…)`; functions handed to page.evaluate carry that call into the page, so the page gets a no-op.
 */
export async function newContext(browser: Browser, options: { storageState?: Awaited<ReturnType<BrowserContext["storageState"]>> } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  await context.addInitScript("globalThis.__name ??= (fn) => fn;");
  return context;
}

/** Signs up a fresh builder and creates a project, through the UI; returns the project id. */
export async function signUpWithProject(page: Page, options: { baseUrl: string; builderName: string; projectName: string; email?: string }): Promise<string> {
  await page.goto(`${options.baseUrl}/sign-up`);
  await page.getByLabel("Name").fill(options.builderName);
  await page.getByLabel("Work email").fill(options.email ?? `builder-${randomUUID().slice(0, 8)}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Create a project" }).waitFor();
  await page.getByLabel("Project name").fill(options.projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/settings\?tab=sdk/);
  return new URL(page.url()).pathname.split("/")[1];
}

/** The management API (`/api/v1/projects/:projectId…`) with the signed-in builder's cookies. */
export function projectApi(request: APIRequestContext, baseUrl: string, projectId: string) {
  async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await request.fetch(`${baseUrl}/api/v1/projects/${projectId}${route}`, { method, data: body === undefined ? undefined : body });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${route} answered ${response.status()}: ${text.slice(0, 1000)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  return {
    call,
    createAppEvent: (body: { name: string; example: Record<string, unknown> }) => call<{ id: string }>("POST", "/app-events", body),
    createWorkflow: (body: { name: string; description?: string; graph?: unknown; enabledForAllUsers?: boolean }) =>
      call<{ id: string; draftRevision: number }>("POST", "/workflows", body),
    updateWorkflow: (workflowId: string, body: { draftRevision: number; name?: string; graph?: unknown }) =>
      call<{ id: string; draftRevision: number }>("PATCH", `/workflows/${workflowId}`, body),
    deployWorkflow: (workflowId: string) => call<unknown>("POST", `/workflows/${workflowId}/deploy`),
    startRun: (workflowId: string, body: { payload: unknown; userId?: string; source: "deployed" | "draft" }) =>
      call<{ runId: string }>("POST", `/workflows/${workflowId}/run`, body),
    getRun: (runId: string) => call<{ status: string }>("GET", `/runs/${runId}`),
  };
}

/** App Events as the SaaS app sends them: a token for the user, signed with the project's key, to the SDK endpoint. */
export async function sendAppEvent(options: { baseUrl: string; projectId: string; privateKeyPem: string; userId: string; name: string; payload: Record<string, unknown> }) {
  const key = await importPKCS8(options.privateKeyPem.trim(), "RS256");
  const token = await new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setSubject(options.userId).setIssuedAt().setExpirationTime("1h").sign(key);
  const response = await fetch(`${options.baseUrl}/projects/${options.projectId}/sdk/events/trigger`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: options.name, payload: options.payload }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the App Event ${options.name} answered ${response.status}: ${text.slice(0, 1000)}`);
  return JSON.parse(text) as { eventId: string; runs: { runId: string }[] };
}

/** Parses `uptime`'s load averages, reported with every figure since other work shares the machine. */
export function loadAverage(): { load1: number; load5: number; load15: number } {
  const [load1, load5, load15] = os.loadavg().map((value) => Number(value.toFixed(2)));
  return { load1, load5, load15 };
}
