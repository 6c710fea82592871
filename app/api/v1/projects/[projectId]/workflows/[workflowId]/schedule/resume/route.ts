// POST /api/v1/projects/:projectId/workflows/:workflowId/schedule/resume — fire again from the next tick
import { projectRoute } from "@/lib/http/api-route";
import { opResumeSchedule } from "@/lib/openapi/operations-schedules";
import { resumeSchedule } from "@/lib/schedules/pause-schedule";

export const POST = projectRoute(opResumeSchedule, async ({ project, params }) => {
  return Response.json(await resumeSchedule({ projectId: project.id, workflowId: params.workflowId }));
});
