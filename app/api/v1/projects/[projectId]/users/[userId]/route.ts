// PATCH /api/v1/projects/:projectId/users/:userId — merge into a user's metadata, including their provider ids
import { updateUserMetadata } from "@/lib/connected-users/update-user-metadata";
import { projectRoute } from "@/lib/http/api-route";
import { opUpdateUserMetadata } from "@/lib/openapi/operations-users";

export const PATCH = projectRoute(opUpdateUserMetadata, async ({ project, params, body }) => {
  return Response.json(await updateUserMetadata({ projectId: project.id, externalId: params.userId, meta: body.meta }));
});
