// POST /api/v1/projects/:projectId/signing-keys/:signingKeyId/revoke — revoke a signing key
import { projectRoute } from "@/lib/http/api-route";
import { opRevokeSigningKey } from "@/lib/openapi/operations";
import { revokeSigningKey } from "@/lib/signing-keys/revoke-signing-key";

export const POST = projectRoute(opRevokeSigningKey, async (access) => {
  return Response.json(await revokeSigningKey({ projectId: access.project.id, signingKeyId: access.params.signingKeyId }));
});
