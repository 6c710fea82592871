// Operations of failure-notification destinations: where Switchyard POSTs a signed event when a run
// fails for good.
import { z } from "zod";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZCreateDestinationRequest,
  ZCreatedDestination,
  ZDestination,
  ZDestinationList,
  ZTestDeliveryResult,
  ZUpdateDestinationRequest,
} from "@/lib/schemas/destination";
import { defineOperation } from "./define-operation";

const ZProjectParams = z.object({ projectId: ZUuid });
const ZDestinationParams = ZProjectParams.extend({ destinationId: ZUuid });

const TAG = "Notification destinations";

export const opListDestinations = defineOperation({
  id: "listDestinations", method: "GET", path: "/projects/{projectId}/destinations", tag: TAG,
  summary: "List failure-notification destinations (never their secrets)", params: ZProjectParams,
  responses: { 200: ZDestinationList }, errors: [404],
});

export const opCreateDestination = defineOperation({
  requires: "builder",
  id: "createDestination", method: "POST", path: "/projects/{projectId}/destinations", tag: TAG,
  summary: "Add a destination; its signing secret is in this response only", params: ZProjectParams,
  body: ZCreateDestinationRequest, responses: { 201: ZCreatedDestination }, errors: [400, 403, 404, 413, 422],
});

export const opUpdateDestination = defineOperation({
  requires: "builder",
  id: "updateDestination", method: "PATCH", path: "/projects/{projectId}/destinations/{destinationId}", tag: TAG,
  summary: "Rename, re-point, pause or re-enable a destination (re-enabling resets its failure count)",
  params: ZDestinationParams, body: ZUpdateDestinationRequest,
  responses: { 200: ZDestination }, errors: [400, 403, 404, 413, 422],
});

export const opDeleteDestination = defineOperation({
  requires: "builder",
  id: "deleteDestination", method: "DELETE", path: "/projects/{projectId}/destinations/{destinationId}", tag: TAG,
  summary: "Delete a destination; deliveries already queued for it are dropped", params: ZDestinationParams,
  responses: { 204: null }, errors: [403, 404],
});

export const opTestDestination = defineOperation({
  id: "testDestination", method: "POST", path: "/projects/{projectId}/destinations/{destinationId}/test", tag: TAG,
  summary: "Send a signed test event now and answer with the status it got (0: no answer)",
  params: ZDestinationParams, responses: { 200: ZTestDeliveryResult }, errors: [404],
});

export const DESTINATION_OPERATIONS = [
  opListDestinations, opCreateDestination, opUpdateDestination, opDeleteDestination, opTestDestination,
];
