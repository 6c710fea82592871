// GET /api/v1/projects/:projectId/workflows/:workflowId/schedule/upcoming — when the schedule fires in a range
import { projectRoute } from "@/lib/http/api-route";
import { opListUpcomingTicks } from "@/lib/openapi/operations-schedules";
import { listUpcomingTicks } from "@/lib/schedules/list-upcoming-ticks";

export const GET = projectRoute(opListUpcomingTicks, async ({ project, params, query }) => {
  return Response.json(await listUpcomingTicks({ projectId: project.id, workflowId: params.workflowId, ...query, now: new Date() }));
});
