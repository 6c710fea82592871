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
export type TDestinationList = z.infer<typeof ZDestinationList>;

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

/** What became of a delivery attempt; only `answered` carries an HTTP status. */
export const ZDeliveryOutcome = z
  .enum(["answered", "refused", "dns_failure", "connection_refused", "tls_error", "timeout", "network_error"])
  .meta({
    id: "DeliveryOutcome",
    description:
      "answered: the destination sent an HTTP status (see status); refused: the network guard would not send to the address " +
      "(see reason); dns_failure: its host could not be resolved; connection_refused, tls_error, timeout (no full answer within " +
      "the deadline), network_error: anything else that stopped the request",
  });
export type TDeliveryOutcome = z.infer<typeof ZDeliveryOutcome>;

/** Why the network guard refused an address (lib/engine/request-guard.ts). */
export const ZDeliveryRefusalReason = z
  .enum(["loopback", "private", "link_local", "cgnat", "unspecified", "multicast", "reserved", "cloud_metadata", "invalid_url", "unsupported_protocol"])
  .meta({ id: "DeliveryRefusalReason" });
export type TDeliveryRefusalReason = z.infer<typeof ZDeliveryRefusalReason>;

/** Seconds a destination has to answer, DNS lookup included. */
export const DELIVERY_TIMEOUT_SECONDS = 10;

export const ZTestDeliveryResult = z
  .object({
    outcome: ZDeliveryOutcome,
    status: z.int().meta({ description: "The HTTP status the destination answered; 0 when it did not answer" }),
    reason: ZDeliveryRefusalReason.nullable().meta({ description: "Why the network guard refused the address, when outcome is refused" }),
    message: z.string().meta({ description: "What happened, in a sentence for people" }),
    // The destination with this test recorded as its last delivery.
    destination: ZDestination,
  })
  .meta({ id: "TestDeliveryResult" });
export type TTestDeliveryResult = z.infer<typeof ZTestDeliveryResult>;
