// GET /api/v1/projects/:projectId — one project; PATCH — rename it or set its time zone (owners only)
import { projectRoute } from "@/lib/http/api-route";
import { opGetProject, opUpdateProject } from "@/lib/openapi/operations";
import { updateProject } from "@/lib/projects/update-project";

export const GET = projectRoute(opGetProject, async ({ project, role }) => {
  return Response.json({ ...project, role, createdAt: project.createdAt.toISOString() });
});

export const PATCH = projectRoute(opUpdateProject, async (access) => {
  return Response.json(await updateProject({ projectId: access.project.id, update: access.body, role: access.role }));
});
