// GET /api/v1/projects/:projectId/api-keys — list keys; POST — create one (its secret is shown once)
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { projectRoute } from "@/lib/http/api-route";
import { opCreateApiKey, opListApiKeys } from "@/lib/openapi/operations";

export const GET = projectRoute(opListApiKeys, async (access) => {
  return Response.json({ apiKeys: await listApiKeys(access.project.id) });
});

export const POST = projectRoute(opCreateApiKey, async (access) => {
  const createdById = access.caller.kind === "builder" ? access.caller.builderId : null;
  const apiKey = await createApiKey({ projectId: access.project.id, name: access.body.name, createdById });
  return Response.json(apiKey, { status: 201 });
});
