import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { userEndpointPath } from "./endpoint-url";

/** Only for a custom webhook's endpoint, an existing user and one of the project's workflows. */
export async function getUserWebhookUrl(options: { projectId: string; endpointId: string; origin: string; userId: string; workflowId: string }): Promise<{ url: string }> {
  const { projectId, endpointId } = options;
  const [endpoint, user, workflow] = await Promise.all([
    db.webhookEndpoint.findFirst({ where: { id: endpointId, projectId }, select: { integration: true } }),
    db.connectedUser.findFirst({ where: { projectId, externalId: options.userId }, select: { id: true } }),
    db.workflow.findFirst({ where: { id: options.workflowId, projectId }, select: { id: true } }),
  ]);
  if (!endpoint) throw notFound("Webhook endpoint");
  if (endpoint.integration !== "custom") throw new AppError("validation_failed", "Only a custom webhook has user-level URLs", { details: [{ path: "endpointId", message: "not a custom webhook" }] });
  if (!user) throw notFound("Connected user");
  if (!workflow) throw notFound("Workflow");
  return { url: `${options.origin}${userEndpointPath({ projectId, endpointId, connectedUserId: user.id, workflowId: workflow.id })}` };
}
