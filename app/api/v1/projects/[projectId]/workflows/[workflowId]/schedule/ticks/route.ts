// GET /api/v1/projects/:projectId/workflows/:workflowId/schedule/ticks — the ticks the schedule reached, newest first
import { projectRoute } from "@/lib/http/api-route";
import { opListScheduleTicks } from "@/lib/openapi/operations-schedules";
import { listScheduleTicks } from "@/lib/schedules/list-schedule-ticks";

export const GET = projectRoute(opListScheduleTicks, async ({ project, params, query }) => {
  return Response.json(await listScheduleTicks({ projectId: project.id, workflowId: params.workflowId, ...query }));
});
