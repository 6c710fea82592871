// The schedule operations of the management API: a deployed schedule's state, its ticks, pause and resume, backfill.
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZBackfillRequest,
  ZBackfillResult,
  ZListScheduleTicksQuery,
  ZPauseScheduleRequest,
  ZScheduleStatus,
  ZScheduleTickList,
  ZUpcomingTickList,
  ZUpcomingTicksQuery,
} from "@/lib/schemas/schedule";
import { defineOperation } from "./define-operation";

const ZWorkflowParams = z.object({ projectId: ZUuid, workflowId: ZUuid });
const TAG = "Schedules";
const PATH = "/projects/{projectId}/workflows/{workflowId}/schedule";

export const opGetSchedule = defineOperation({
  id: "getSchedule", method: "GET", path: PATH, tag: TAG,
  summary: "The deployed schedule: paused or not, each zone's next and last tick, the next ticks, the last tick and recent skipped ticks",
  params: ZWorkflowParams, responses: { 200: ZScheduleStatus }, errors: [404],
});

export const opListScheduleTicks = defineOperation({
  id: "listScheduleTicks", method: "GET", path: `${PATH}/ticks`, tag: TAG,
  summary: "The ticks the schedule reached, newest first: each ran (with its runs) or was skipped (with why)",
  params: ZWorkflowParams, query: ZListScheduleTicksQuery, responses: { 200: ZScheduleTickList }, errors: [404, 422],
});

export const opListUpcomingTicks = defineOperation({
  id: "listUpcomingTicks", method: "GET", path: `${PATH}/upcoming`, tag: TAG,
  summary: "The times the deployed schedule fires in a range, every zone merged (like Temporal's ListScheduleMatchingTimes)",
  params: ZWorkflowParams, query: ZUpcomingTicksQuery, responses: { 200: ZUpcomingTickList }, errors: [404, 422],
});

export const opPauseSchedule = defineOperation({
  id: "pauseSchedule", method: "POST", path: `${PATH}/pause`, tag: TAG,
  summary: "Pause the schedule, with a note; no tick fires once this answers",
  params: ZWorkflowParams, body: ZPauseScheduleRequest, responses: { 200: ZScheduleStatus }, errors: [400, 404, 413, 422],
});

export const opResumeSchedule = defineOperation({
  id: "resumeSchedule", method: "POST", path: `${PATH}/resume`, tag: TAG,
  summary: "Resume a paused schedule; the ticks it missed while paused are recorded as skipped",
  params: ZWorkflowParams, responses: { 200: ZScheduleStatus }, errors: [404],
});

export const opBackfillSchedule = defineOperation({
  id: "backfillSchedule", method: "POST", path: `${PATH}/backfill`, tag: TAG,
  summary: "Run the ticks of a past range on the deployed version (bounded; ticks that ran are not run again)",
  params: ZWorkflowParams, body: ZBackfillRequest, responses: { 200: ZBackfillResult }, errors: [400, 404, 413, 422],
});

export const SCHEDULE_OPERATIONS = [opGetSchedule, opListScheduleTicks, opListUpcomingTicks, opPauseSchedule, opResumeSchedule, opBackfillSchedule];
