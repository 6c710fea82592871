// Received events as the Event Log and the management API show them: one entry per event with the runs
// it started, and the list filters. Client-safe.
import { z } from "zod";
import { ZIsoDateTime, ZUuid } from "./common";
import { ZExternalUserId, ZJsonObject } from "./connected-user";
import { ZValidationOutcome } from "./event";
import { ZRunStatus } from "./run";
import { ZDeliveryRecord, ZDeliveryStatus } from "./webhook-endpoint";

/** Any JSON value: a webhook's body need not be an object (HubSpot sends an array, a form may be text). */
const ZJsonValue = z.union([ZJsonObject, z.array(z.unknown()), z.string(), z.number(), z.boolean(), z.null()]);

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
    source: z.string().meta({ description: "How it arrived: sdk (a user token), api (a project API key or builder) or webhook (an integration's delivery)" }),
    validation: ZValidationOutcome.nullable().meta({ description: "The schema check's outcome; null when the App Event's validation is off" }),
    repeatCount: z.int().min(0).meta({ description: "How many repeats with the same Idempotency-Key were answered from this event" }),
    runs: z.array(ZEventRun).meta({ description: "The runs it started, in the order they were created" }),
    payload: ZJsonValue,
    webhook: z
      .object({ status: ZDeliveryStatus, delivery: ZDeliveryRecord })
      .nullable()
      .meta({ description: "A webhook delivery's outcome and what was received; null for an App Event" }),
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
  name: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "Only events whose name (an App Event's name, a webhook's event type) contains this, in any case; % and _ are not wildcards" }),
  userId: ZExternalUserId.optional().meta({ description: "Only events sent for (or webhook deliveries routed to) this user (their external id)" }),
  source: z.enum(["sdk", "api", "webhook"]).optional().meta({ description: "Only events that arrived this way" }),
  integration: z.string().max(100).optional().meta({ description: "Only webhook deliveries of this integration (github, stripe…, custom)" }),
  endpointId: ZUuid.optional().meta({ description: "Only webhook deliveries to this endpoint" }),
  deliveryStatus: ZDeliveryStatus.optional().meta({
    description: "Only webhook deliveries with this outcome: accepted, unrouted (no user), duplicate (dedupe), rejected (verification failed), handshake",
  }),
  startedRuns: z.enum(["true", "false"]).optional().meta({ description: "Only events that started runs (true) or none (false)" }),
  schemaMismatch: z
    .enum(["true"])
    .optional()
    .meta({ description: "true: only App Events whose payload did not match their schema (accepted in warn mode); events not checked are left out" }),
  after: ZIsoDateTime.optional().meta({ description: "Only events received after this instant (the editor's “Listen for test event”)" }),
  cursor: z.string().max(500).optional().meta({ description: "The nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TListEventsQuery = z.infer<typeof ZListEventsQuery>;
