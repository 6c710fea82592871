// GET /api/v1/projects — the caller's projects; POST /api/v1/projects — create one (builders only)
import { apiRoute } from "@/lib/http/api-route";
import { AppError } from "@/lib/http/errors";
import { opCreateProject, opListProjects } from "@/lib/openapi/operations";
import { createProject } from "@/lib/projects/create-project";
import { listProjects } from "@/lib/projects/list-projects";

export const GET = apiRoute(opListProjects, async ({ caller }) => {
  return Response.json({ projects: await listProjects(caller) });
});

export const POST = apiRoute(opCreateProject, async ({ caller, body }) => {
  if (caller.kind !== "builder") throw new AppError("forbidden", "API keys belong to one project and cannot create projects");
  return Response.json(await createProject({ builderId: caller.builderId, name: body.name }), { status: 201 });
});
