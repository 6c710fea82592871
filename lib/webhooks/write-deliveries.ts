import "server-only";
import { KeyedStatementBatches } from "@/lib/db/statement-batches";
import { sqlPool } from "@/lib/db/sql";
import { consumeRateLimitHits, type TRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { dispatchOccurrencesSql } from "@/lib/runs/dispatch-trigger";
import type { TDeliveryRecord, TDeliveryResponse } from "@/lib/schemas/webhook-endpoint";

/** One received delivery, ready to be written: refused ones and handshakes too, which start nothing. */
export type TDeliveryRow = {
  eventId: string;
  endpointId: string;
  integration: string;
  /** ConnectedUserProviderId.provider of the endpoint, and the first part of its trigger keys. */
  provider: string;
  /** pending: verified, to be deduplicated, routed and dispatched. */
  status: "pending" | "rejected" | "handshake";
  deliveryId: string | null;
  eventType: string | null;
  /** The Event Log's name: the event type, or what the delivery is when it has none. */
  name: string;
  /** An app-level delivery's user, by their id in the provider's system. */
  routeProviderId: string | null;
  /** A user-level URL's user and workflow. */
  routeUserId: string | null;
  onlyWorkflowId: string | null;
  payload: unknown;
  /** The headers as runs see them (secrets masked). */
  headers: Record<string, string>;
  delivery: Omit<TDeliveryRecord, "duplicateOf">;
};

// One statement, one implicit transaction, for every delivery of a batch: the delivery id claimed (a repeat
// within 24 h claims nothing and is a duplicate; an older claim is taken over), the user found by their
// provider id, the runs and their jobs dispatched, and the Event Log row written, committed together or not
// at all. Two deliveries with one id in a batch: the first claims it.
export const WRITE_DELIVERIES_SQL = `WITH input AS MATERIALIZED (
       SELECT * FROM json_to_recordset($2::json) AS i(
         "eventId" uuid, "endpointId" uuid, "integration" text, "provider" text, "status" text, "deliveryId" text,
         "eventType" text, "name" text, "routeProviderId" text, "routeUserId" uuid, "onlyWorkflowId" uuid,
         "payload" jsonb, "headers" jsonb, "delivery" jsonb)
     ), claimed AS (
       INSERT INTO "WebhookDeliveryKey" ("projectId", "endpointId", "deliveryId", "eventId", "receivedAt")
       SELECT DISTINCT ON (i."endpointId", i."deliveryId") $1::uuid, i."endpointId", i."deliveryId", i."eventId", now()
       FROM input i WHERE i."status" = 'pending'
       ORDER BY i."endpointId", i."deliveryId"
       ON CONFLICT ("projectId", "endpointId", "deliveryId") DO UPDATE SET "eventId" = EXCLUDED."eventId", "receivedAt" = EXCLUDED."receivedAt"
         WHERE "WebhookDeliveryKey"."receivedAt" < now() - interval '24 hours'
       RETURNING "eventId"
     ), routed AS (
       -- Scalar subqueries, each a lookup by key: a join of the input to these tables was free, in the generic plan
       -- (prepared statements use one), to read all of the project's users for every batch.
       SELECT i."eventId", (
         SELECT u."id" FROM "ConnectedUser" u
         WHERE u."projectId" = $1::uuid AND u."id" = coalesce(i."routeUserId", (
           SELECT p."connectedUserId" FROM "ConnectedUserProviderId" p
           WHERE p."projectId" = $1::uuid AND p."provider" = i."provider" AND p."providerId" = i."routeProviderId"
         ))
       ) AS "connectedUserId"
       FROM input i
       WHERE i."status" = 'pending'
     ), outcome AS MATERIALIZED (
       SELECT i."eventId", r."connectedUserId",
              CASE WHEN i."status" <> 'pending' THEN i."status"
                   WHEN NOT EXISTS (SELECT 1 FROM claimed c WHERE c."eventId" = i."eventId") THEN 'duplicate'
                   WHEN r."connectedUserId" IS NULL THEN 'unrouted'
                   ELSE 'accepted' END AS "status"
       FROM input i LEFT JOIN routed r ON r."eventId" = i."eventId"
     ), occurrences AS (
       SELECT i."eventId", o."connectedUserId", 'webhook' AS "triggerType", i."provider" || ':' || k."event" AS "triggerKey",
              jsonb_build_object('type', 'webhook', 'integration', i."integration", 'event', i."eventType", 'deliveryId', i."deliveryId",
                                 'payload', i."payload", 'headers', i."headers") AS "input",
              'delivery:' || i."eventId" AS "triggerRef", NULL::timestamptz AS "scheduledAt", false AS "held", i."onlyWorkflowId"
       FROM input i JOIN outcome o ON o."eventId" = i."eventId" AND o."status" = 'accepted'
       CROSS JOIN LATERAL (SELECT DISTINCT e FROM unnest(ARRAY[coalesce(i."eventType", '*'), '*']) e) k("event")
     ), ${dispatchOccurrencesSql({ occurrences: "occurrences", projectId: "$1::uuid", onlyWorkflow: true })}, responses AS (
       SELECT i."eventId", json_build_object('eventId', i."eventId", 'status', o."status", 'runs', coalesce(
         (SELECT json_agg(json_build_object('runId', d."runId", 'workflowId', d."workflowId") ORDER BY d."workflowCreatedAt", d."runId")
          FROM dispatched d WHERE d."eventId" = i."eventId"),
         '[]'::json)) AS "response"
       FROM input i JOIN outcome o ON o."eventId" = i."eventId"
     ), events AS (
       INSERT INTO "Event" ("id", "projectId", "name", "connectedUserId", "payload", "source", "response", "webhookEndpointId", "integration", "deliveryStatus", "delivery")
       SELECT i."eventId", $1::uuid, i."name", o."connectedUserId", i."payload", 'webhook', r."response"::jsonb, i."endpointId", i."integration", o."status",
              i."delivery" || jsonb_build_object('duplicateOf', CASE WHEN o."status" = 'duplicate'
                THEN (SELECT k."eventId" FROM "WebhookDeliveryKey" k
                      WHERE k."projectId" = $1::uuid AND k."endpointId" = i."endpointId" AND k."deliveryId" = i."deliveryId") END)
       FROM input i JOIN outcome o ON o."eventId" = i."eventId" JOIN responses r ON r."eventId" = i."eventId"
     )
     SELECT i."eventId", r."response" FROM input i JOIN responses r ON r."eventId" = i."eventId" CROSS JOIN dispatched_jobs`;

const MAX_BATCH_DELIVERIES = 100;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

type TPendingDelivery = { row: TDeliveryRow; json: string; rateLimit: TRateLimit };

// As App Events (lib/events/write-event-in-batch.ts): a project's deliveries that arrive while its previous
// write is out go together in the next statement, so the commits of notifying transactions do not cap
// deliveries at one per fsync.
const batches = new KeyedStatementBatches<TPendingDelivery, TDeliveryResponse | undefined>(writeBatch, {
  maxItems: MAX_BATCH_DELIVERIES,
  maxBytes: MAX_BATCH_BYTES,
  sizeOf: (pending) => pending.json.length,
  immediate: true,
  admit: (pending) => consumeRateLimitHits({ ...pending[0].rateLimit, hits: pending.length }),
});

async function writeBatch(projectId: string, batch: TPendingDelivery[]): Promise<(TDeliveryResponse | undefined)[]> {
  const { rows } = await sqlPool().query<{ eventId: string; response: TDeliveryResponse }>({
    name: "switchyard_write_deliveries",
    text: WRITE_DELIVERIES_SQL,
    values: [projectId, `[${batch.map((pending) => pending.json).join(",")}]`],
  });
  const responses = new Map(rows.map((row) => [row.eventId, row.response]));
  return batch.map((pending) => responses.get(pending.row.eventId));
}

/** Writes the delivery (with its runs and their jobs) in its project's next batch; resolves once committed. */
export async function writeDelivery(options: { projectId: string; rateLimit: TRateLimit; row: TDeliveryRow }): Promise<TDeliveryResponse> {
  const written = await batches.add(options.projectId, { row: options.row, json: JSON.stringify(options.row), rateLimit: options.rateLimit });
  if (!written) throw new Error(`delivery ${options.row.eventId} was not written`);
  return written;
}
