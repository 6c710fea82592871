// POST /api/v1/projects/:projectId/workflows/:workflowId/schedule/pause — stop firing, with a note
import { projectRoute } from "@/lib/http/api-route";
import { opPauseSchedule } from "@/lib/openapi/operations-schedules";
import { pauseSchedule } from "@/lib/schedules/pause-schedule";

export const POST = projectRoute(opPauseSchedule, async ({ project, params, body }) => {
  return Response.json(await pauseSchedule({ projectId: project.id, workflowId: params.workflowId, note: body.note }));
});
