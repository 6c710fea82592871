// GET /api/v1/projects/:projectId/users — connected users, newest first (?q= external id prefix, ?cursor=, ?limit=)
import { listConnectedUsers } from "@/lib/connected-users/list-connected-users";
import { projectRoute } from "@/lib/http/api-route";
import { opListConnectedUsers } from "@/lib/openapi/operations-users";

export const GET = projectRoute(opListConnectedUsers, async ({ project, query }) => {
  return Response.json(await listConnectedUsers({ projectId: project.id, ...query }));
});
