// Seed factories for integration tests: each call creates fresh rows, so tests never share data.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";

export async function createTestBuilder(name = "Test Builder") {
  return db.builder.create({
    data: { email: `builder-${randomUUID()}@example.test`, name },
    select: { id: true, email: true, name: true },
  });
}

export async function createTestProject(builderId?: string) {
  const owner = builderId ?? (await createTestBuilder()).id;
  const project = await createProject({ builderId: owner, name: `Project ${randomUUID().slice(0, 8)}` });
  return { ...project, ownerId: owner };
}

/** A valid Auth.js session cookie for a builder, as the sign-in flow would set it. */
export async function sessionCookie(builderId: string, options: { maxAgeSeconds?: number } = {}): Promise<string> {
  const salt = "authjs.session-token";
  const token = await encode({
    token: { sub: builderId },
    secret: process.env.AUTH_SECRET as string,
    salt,
    maxAge: options.maxAgeSeconds ?? 3600,
  });
  return `${salt}=${token}`;
}

export async function createTestApiKey(projectId: string) {
  return createApiKey({ projectId, name: "test key", createdById: null });
}

type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler in-process, exactly as Next.js would, and returns status and parsed body. */
export async function callRoute(
  handler: TRouteHandler,
  options: {
    params?: Record<string, string>;
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(`http://localhost${options.path ?? "/api/v1/test"}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
