// The event operations of the management API: sending App Events server to server, and the Event Log.
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import { ZSendEventRequest, ZTriggerEventResponse } from "@/lib/schemas/event";
import { ZEventList, ZEventLogEntry, ZListEventsQuery } from "@/lib/schemas/event-log";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZEventParams = ZProjectParams.extend({ eventId: ZUuid });

const TAG = "Events";

export const opSendEvent = defineOperation({
  id: "sendEvent", method: "POST", path: "/projects/{projectId}/events", tag: TAG,
  summary: "Send an App Event for a user from your servers; answered as the SDK endpoint answers, Idempotency-Key included",
  params: ZProjectParams, body: ZSendEventRequest,
  responses: { 201: ZTriggerEventResponse }, errors: [400, 404, 413, 422],
});

export const opListEvents = defineOperation({
  id: "listEvents", method: "GET", path: "/projects/{projectId}/events", tag: TAG,
  summary: "The Event Log: received events, newest first, a page at a time, with the runs each started",
  params: ZProjectParams, query: ZListEventsQuery, responses: { 200: ZEventList }, errors: [404, 422],
});

export const opGetEvent = defineOperation({
  id: "getEvent", method: "GET", path: "/projects/{projectId}/events/{eventId}", tag: TAG,
  summary: "Get a received event with its payload, validation result and runs", params: ZEventParams,
  responses: { 200: ZEventLogEntry }, errors: [404],
});

export const EVENT_OPERATIONS = [opSendEvent, opListEvents, opGetEvent];
