import { z } from "zod";
import { ZUuid } from "./common";

/** The body of POST /projects/{projectId}/sdk/events/trigger, as the reference product defines it. */
export const ZTriggerEventRequest = z
  .object({
    name: z.string().trim().min(1, "Name the App Event").max(200),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "TriggerEventRequest" });
export type TTriggerEventRequest = z.infer<typeof ZTriggerEventRequest>;

/** The server-to-server form through /api/v1: the same, plus the end user it is for. */
export const ZSendEventRequest = ZTriggerEventRequest.extend({
  userId: z.string().trim().min(1, "Name the end user (the sub of their tokens)").max(255),
}).meta({ id: "SendEventRequest" });
export type TSendEventRequest = z.infer<typeof ZSendEventRequest>;

export const ZTriggerEventResponse = z
  .object({
    eventId: ZUuid,
    runs: z.array(z.object({ runId: ZUuid, workflowId: ZUuid })),
  })
  .meta({ id: "TriggerEventResponse" });
export type TTriggerEventResponse = z.infer<typeof ZTriggerEventResponse>;

export const ZValidationOutcome = z.object({
  mode: z.enum(["warn", "reject"]),
  valid: z.boolean(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type TValidationOutcome = z.infer<typeof ZValidationOutcome>;
