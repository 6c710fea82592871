// Helpers for the webhook delivery tests: a project with endpoints and workflows listening, deliveries signed
// by the providers' own helpers, the real routes called in-process, and row counts per project.
import { sign as signGithub } from "@octokit/webhooks-methods";
import { POST as deliver } from "@/app/projects/[projectId]/webhooks/[endpointId]/route";
import { POST as deliverToUser } from "@/app/projects/[projectId]/webhooks/[endpointId]/users/[userToken]/route";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { createWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";
import { createDeployedWorkflow } from "@/test/engine-factories";
import { createTestProject } from "@/test/factories";

export const GITHUB_SECRET = "It's a Secret to Everybody";

export function webhookGraph(source: { kind: "integration"; integration: string; event: string } | { kind: "custom"; name: string }) {
  return {
    trigger: { type: "webhook", source },
    steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }],
    edges: [{ id: "e", source: "trigger", target: "f" }],
  };
}

export async function deployWebhookWorkflow(projectId: string, source: Parameters<typeof webhookGraph>[0], options: { enabledForAllUsers?: boolean } = {}) {
  const { workflowId } = await createDeployedWorkflow({ projectId, graph: webhookGraph(source), enabledForAllUsers: options.enabledForAllUsers ?? true });
  return workflowId;
}

/** A project with a GitHub endpoint routed by `installation.id`, and a user whose GitHub installation is 42. */
export async function createWebhookProject() {
  const project = await createTestProject();
  const endpoint = await createWebhookEndpoint({
    projectId: project.id,
    origin: "http://localhost",
    integration: "github",
    secret: GITHUB_SECRET,
    routing: { from: "body", path: "installation.id" },
  });
  const user = await db.connectedUser.create({
    data: { projectId: project.id, externalId: "octo-user", metadata: { providerIds: { github: "42" } } },
    select: { id: true, externalId: true },
  });
  await db.connectedUserProviderId.create({ data: { projectId: project.id, provider: "github", providerId: "42", connectedUserId: user.id } });
  forgetProjectConfig(project.id);
  return { project, endpoint, user };
}

export async function githubDelivery(options: { event?: string; deliveryId?: string; body?: unknown; secret?: string; signature?: string | null }) {
  const text = JSON.stringify(options.body ?? { action: "opened", installation: { id: 42 } });
  const signature = options.signature === undefined ? await signGithub(options.secret ?? GITHUB_SECRET, text) : options.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": options.event ?? "push",
    "x-github-delivery": options.deliveryId ?? crypto.randomUUID(),
  };
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return { text, headers };
}

type TDeliveryResult = { status: number; body: any; text: string; headers: Headers };

/** POSTs `text` to an endpoint's URL (a user-level one with `userToken`), as a provider would. */
export async function post(options: { projectId: string; endpointId: string; userToken?: string; text: string; headers: Record<string, string>; path?: string }): Promise<TDeliveryResult> {
  const path = options.path ?? `/projects/${options.projectId}/webhooks/${options.endpointId}${options.userToken ? `/users/${options.userToken}` : ""}`;
  const request = new Request(`http://localhost${path}`, { method: "POST", headers: options.headers, body: options.text });
  const params: Record<string, string> = { projectId: options.projectId, endpointId: options.endpointId };
  if (options.userToken) params.userToken = options.userToken;
  const handler = options.userToken ? deliverToUser : deliver;
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body, text, headers: response.headers };
}

export async function countRows(projectId: string) {
  const [events, runs, keys] = await Promise.all([
    db.event.count({ where: { projectId } }),
    db.run.count({ where: { projectId } }),
    db.webhookDeliveryKey.count({ where: { projectId } }),
  ]);
  return { events, runs, keys };
}
