// GET /api/v1/projects/:projectId/signing-keys — public keys; POST — generate a key pair (private key shown once)
import { projectRoute } from "@/lib/http/api-route";
import { opGenerateSigningKey, opListSigningKeys } from "@/lib/openapi/operations";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { listSigningKeys } from "@/lib/signing-keys/list-signing-keys";

export const GET = projectRoute(opListSigningKeys, async ({ project }) => {
  return Response.json({ signingKeys: await listSigningKeys(project.id) });
});

export const POST = projectRoute(opGenerateSigningKey, async (access) => {
  const createdById = access.caller.kind === "builder" ? access.caller.builderId : null;
  const key = await generateSigningKey({ projectId: access.project.id, name: access.body.name, createdById });
  return Response.json(key, { status: 201, headers: { "Cache-Control": "no-store" } });
});
