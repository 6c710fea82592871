// Helpers for the SDK event trigger acceptance tests: a project with a signing key and an App Event,
// RS256 user tokens with any claims, the real route called in-process, and row counts per project.
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { type JWTPayload, SignJWT } from "jose";
import { expect } from "vitest";
import { POST } from "@/app/projects/[projectId]/sdk/events/trigger/route";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { callRoute, createTestProject } from "@/test/factories";

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type TClaims = { sub?: string | null; kid?: string; exp?: number; nbf?: number; iat?: number };

/** An RS256 user token: `sub` "user-1", issued now, valid for an hour, unless `claims` says otherwise (null drops `sub`). */
export async function signToken(privateKeyPem: string, claims: TClaims = {}): Promise<string> {
  const payload: JWTPayload = { iat: claims.iat ?? nowSeconds(), exp: claims.exp ?? nowSeconds() + 3600 };
  if (claims.sub !== null) payload.sub = claims.sub ?? "user-1";
  if (claims.nbf !== undefined) payload.nbf = claims.nbf;
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", ...(claims.kid ? { kid: claims.kid } : {}) }).sign(createPrivateKey(privateKeyPem));
}

/** A private key no project knows. */
export function strayPrivateKeyPem(): string {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** A fresh project with one active signing key and the App Event "Contact Created" (validation off, no workflow). */
export async function createSdkProject() {
  const project = await createTestProject();
  const key = await generateSigningKey({ projectId: project.id, name: "k", createdById: null });
  const appEvent = await createTestAppEvent(project.id, "Contact Created");
  forgetProjectConfig(project.id);
  return { project, key, appEvent, token: (claims: TClaims = {}) => signToken(key.privateKeyPem, claims) };
}

export function appEventGraph(appEventId: string) {
  return {
    trigger: { type: "app_event", appEventId },
    steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }],
    edges: [{ id: "e", source: "trigger", target: "f" }],
  };
}

export async function deployOn(projectId: string, appEventId: string, options: { enabledForAllUsers?: boolean; name?: string } = {}) {
  return (await createDeployedWorkflow({ projectId, graph: appEventGraph(appEventId), ...options })).workflowId;
}

/** Calls POST /projects/:projectId/sdk/events/trigger. `token` becomes `Authorization: Bearer <token>`. */
export function trigger(
  projectId: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }), ...options.headers };
  if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
  const body = options.rawBody === undefined && options.body === undefined ? { name: "Contact Created", payload: { email: "a@b.co" } } : options.body;
  return callRoute(POST, { method: "POST", params: { projectId }, headers, body, rawBody: options.rawBody });
}

export async function countRows(projectId: string) {
  const where = { where: { projectId } };
  const [events, runs, users] = await Promise.all([db.event.count(where), db.run.count(where), db.connectedUser.count(where)]);
  return { events, runs, users };
}

/** Runs `action` and proves it wrote no Event, Run or ConnectedUser row in `projectId`. */
export async function expectNothingWritten<T>(projectId: string, action: () => Promise<T>): Promise<T> {
  const before = await countRows(projectId);
  const result = await action();
  expect(await countRows(projectId)).toEqual(before);
  return result;
}

export const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

type TResponse = { status: number; body: unknown; headers: Headers };

/** Exact status and exact error body, with the CORS header browsers need to read it. */
export function expectError(response: TResponse, status: number, code: string, message: string, details?: unknown) {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: errorBody(code, message, details) });
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
}

/** Graphile jobs queued for a run (its job key is run:<id>). */
export async function jobCount(runId: string): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = 'run:' || ${runId}`;
  return rows[0].count;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Not an assertion: waits, if need be, so the next steps start early in a wall-clock second (claims are whole seconds). */
export async function earlyInASecond(): Promise<void> {
  const ms = Date.now() % 1000;
  if (ms > 200) await sleep(1005 - ms);
}

/** Not an assertion: keeps a short burst of requests inside one fixed one-minute rate-limit window. */
export async function awayFromAMinuteBoundary(): Promise<void> {
  const ms = Date.now() % 60_000;
  if (ms > 54_000) await sleep(60_005 - ms);
}
