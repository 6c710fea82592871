// POST /api/v1/projects/:projectId/signing-keys/import — register a public key (PEM or JWK) you keep the pair of
import { projectRoute } from "@/lib/http/api-route";
import { opImportSigningKey } from "@/lib/openapi/operations";
import { importSigningKey } from "@/lib/signing-keys/import-signing-key";

export const POST = projectRoute(opImportSigningKey, async (access) => {
  const createdById = access.caller.kind === "builder" ? access.caller.builderId : null;
  return Response.json(await importSigningKey({ ...access.body, projectId: access.project.id, createdById }), { status: 201 });
});
