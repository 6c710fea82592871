// GET /api/v1/projects/:projectId — one project; PATCH — rename it (owners only)
import { projectRoute } from "@/lib/http/api-route";
import { opGetProject, opUpdateProject } from "@/lib/openapi/operations";
import { renameProject } from "@/lib/projects/rename-project";

export const GET = projectRoute(opGetProject, async ({ project, role }) => {
  return Response.json({ ...project, role, createdAt: project.createdAt.toISOString() });
});

export const PATCH = projectRoute(opUpdateProject, async (access) => {
  return Response.json(await renameProject({ projectId: access.project.id, name: access.body.name, role: access.role }));
});
