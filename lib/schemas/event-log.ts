// Received events as the Event Log and the management API show them: one entry per event with the runs
// it started, and the list filters. Client-safe.
import { z } from "zod";
import { ZIsoDateTime, ZUuid } from "./common";
import { ZExternalUserId, ZJsonObject } from "./connected-user";
import { ZValidationOutcome } from "./event";
import { ZRunStatus } from "./run";

export const ZEventRun = z
  .object({
    runId: ZUuid,
    workflowId: ZUuid,
    workflowName: z.string().nullable().meta({ description: "null once the workflow has been deleted" }),
    status: ZRunStatus.nullable().meta({ description: "The run's status now; null once Task History no longer keeps the run" }),
  })
  .meta({ id: "EventRun" });
export type TEventRun = z.infer<typeof ZEventRun>;

export const ZEventLogEntry = z
  .object({
    id: ZUuid,
    name: z.string(),
    userId: ZExternalUserId.nullable().meta({ description: "The external id (the `sub`) of the user it was sent for" }),
    receivedAt: ZIsoDateTime,
    source: z.string().meta({ description: "How it arrived: sdk (a user token) or api (a project API key or builder)" }),
    validation: ZValidationOutcome.nullable().meta({ description: "The schema check's outcome; null when the App Event's validation is off" }),
    repeatCount: z.int().min(0).meta({ description: "How many repeats with the same Idempotency-Key were answered from this event" }),
    runs: z.array(ZEventRun).meta({ description: "The runs it started, in the order they were created" }),
    payload: ZJsonObject,
  })
  .meta({ id: "EventLogEntry" });
export type TEventLogEntry = z.infer<typeof ZEventLogEntry>;

export const ZEventList = z
  .object({
    events: z.array(ZEventLogEntry),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  })
  .meta({ id: "EventList" });
export type TEventList = z.infer<typeof ZEventList>;

export const ZListEventsQuery = z.object({
  name: z.string().max(200).optional().meta({ description: "Only events with exactly this App Event name" }),
  userId: ZExternalUserId.optional().meta({ description: "Only events sent for this user (their external id)" }),
  cursor: z.string().max(500).optional().meta({ description: "The nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TListEventsQuery = z.infer<typeof ZListEventsQuery>;
