// Failure-notification destinations: URLs that receive a signed JSON event when a run fails for good.
import { z } from "zod";
import { ZIsoDateTime, ZName, ZUuid } from "./common";

/** Non-2xx answers in a row after which deliveries switch a destination off (lib/runs/deliver-run-failure.ts). */
export const DESTINATION_FAILURE_LIMIT = 20;

export const ZDestinationUrl = z
  .url({ protocol: /^https?$/, message: "Enter an http:// or https:// URL" })
  .trim()
  .max(2000, "Use at most 2,000 characters");

export const ZDestination = z
  .object({
    id: ZUuid,
    name: z.string(),
    url: z.string(),
    enabled: z.boolean(),
    consecutiveFailures: z.int().meta({ description: `Non-2xx answers in a row; at ${DESTINATION_FAILURE_LIMIT} the destination is switched off` }),
    disabledAt: ZIsoDateTime.nullable().meta({ description: "When it was switched off after too many failed deliveries" }),
    lastDeliveryAt: ZIsoDateTime.nullable(),
    lastStatus: z.int().nullable().meta({ description: "HTTP status of the last delivery; 0 when there was no answer" }),
    createdAt: ZIsoDateTime,
  })
  .meta({ id: "Destination" });
export type TDestination = z.infer<typeof ZDestination>;

export const ZDestinationList = z.object({ destinations: z.array(ZDestination) });

export const ZCreateDestinationRequest = z
  .object({ name: ZName, url: ZDestinationUrl })
  .meta({ id: "CreateDestinationRequest" });
export type TCreateDestinationRequest = z.infer<typeof ZCreateDestinationRequest>;

export const ZCreatedDestination = ZDestination.extend({
  secret: z.string().meta({ description: "Signs every delivery (HMAC-SHA256); shown only in this response" }),
}).meta({ id: "CreatedDestination" });
export type TCreatedDestination = z.infer<typeof ZCreatedDestination>;

export const ZUpdateDestinationRequest = z
  .object({
    name: ZName.optional(),
    url: ZDestinationUrl.optional(),
    enabled: z
      .boolean()
      .optional()
      .meta({ description: "true on a switched-off destination re-enables it and resets its failure count" }),
  })
  .meta({ id: "UpdateDestinationRequest" });
export type TUpdateDestinationRequest = z.infer<typeof ZUpdateDestinationRequest>;

export const ZTestDeliveryResult = z
  .object({ status: z.int().meta({ description: "The HTTP status the destination answered; 0 when it could not be reached" }) })
  .meta({ id: "TestDeliveryResult" });
export type TTestDeliveryResult = z.infer<typeof ZTestDeliveryResult>;
