// POST /api/v1/projects/:projectId/api-keys/:apiKeyId/revoke — revoke an API key
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { projectRoute } from "@/lib/http/api-route";
import { opRevokeApiKey } from "@/lib/openapi/operations";

export const POST = projectRoute(opRevokeApiKey, async (access) => {
  return Response.json(await revokeApiKey({ projectId: access.project.id, apiKeyId: access.params.apiKeyId }));
});
