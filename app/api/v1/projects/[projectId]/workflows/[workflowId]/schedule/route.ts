// GET /api/v1/projects/:projectId/workflows/:workflowId/schedule — the deployed schedule's state and next ticks
import { projectRoute } from "@/lib/http/api-route";
import { opGetSchedule } from "@/lib/openapi/operations-schedules";
import { getScheduleStatus } from "@/lib/schedules/get-schedule-status";

export const GET = projectRoute(opGetSchedule, async ({ project, params }) => {
  return Response.json(await getScheduleStatus({ projectId: project.id, workflowId: params.workflowId }));
});
