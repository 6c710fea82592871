// POST /api/v1/projects/:projectId/workflows/:workflowId/schedule/backfill — run the ticks of a past range
import { projectRoute } from "@/lib/http/api-route";
import { opBackfillSchedule } from "@/lib/openapi/operations-schedules";
import { backfillSchedule } from "@/lib/schedules/backfill-schedule";

export const POST = projectRoute(opBackfillSchedule, async ({ project, params, body }) => {
  return Response.json(await backfillSchedule({ projectId: project.id, workflowId: params.workflowId, ...body, now: new Date() }));
});
