// The App Event operations of the management API: the events a SaaS app sends, their example payloads
// and schemas, and how strictly live payloads are checked.
import { z } from "zod";
import { ZAppEvent, ZAppEventList, ZCreateAppEventRequest, ZUpdateAppEventRequest } from "@/lib/schemas/app-event";
import { ZUuid } from "@/lib/schemas/common";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZAppEventParams = ZProjectParams.extend({ appEventId: ZUuid });

const TAG = "App Events";

export const opListAppEvents = defineOperation({
  id: "listAppEvents", method: "GET", path: "/projects/{projectId}/app-events", tag: TAG,
  summary: "List App Events with the workflows that use them and their recent traffic", params: ZProjectParams,
  responses: { 200: ZAppEventList }, errors: [404],
});

export const opCreateAppEvent = defineOperation({
  id: "createAppEvent", method: "POST", path: "/projects/{projectId}/app-events", tag: TAG,
  summary: "Create an App Event from an example payload; its JSON Schema is derived unless given",
  params: ZProjectParams, body: ZCreateAppEventRequest,
  responses: { 201: ZAppEvent }, errors: [400, 404, 409, 413, 422],
});

export const opGetAppEvent = defineOperation({
  id: "getAppEvent", method: "GET", path: "/projects/{projectId}/app-events/{appEventId}", tag: TAG,
  summary: "Get an App Event", params: ZAppEventParams,
  responses: { 200: ZAppEvent }, errors: [404],
});

export const opUpdateAppEvent = defineOperation({
  id: "updateAppEvent", method: "PATCH", path: "/projects/{projectId}/app-events/{appEventId}", tag: TAG,
  summary: "Change an App Event; renaming one that deployed workflows use needs confirmRename (409 otherwise)",
  params: ZAppEventParams, body: ZUpdateAppEventRequest,
  responses: { 200: ZAppEvent }, errors: [400, 404, 409, 413, 422],
});

export const opDeleteAppEvent = defineOperation({
  id: "deleteAppEvent", method: "DELETE", path: "/projects/{projectId}/app-events/{appEventId}", tag: TAG,
  summary: "Delete an App Event; refused with 409 while deployed workflows use it", params: ZAppEventParams,
  responses: { 204: null }, errors: [404, 409],
});

export const APP_EVENT_OPERATIONS = [opListAppEvents, opCreateAppEvent, opGetAppEvent, opUpdateAppEvent, opDeleteAppEvent];
