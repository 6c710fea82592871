import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sql, sqlTransaction, type TSql } from "@/lib/db/sql";
import { AppError } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";
import type { TTriggerEventResponse, TValidationOutcome } from "@/lib/schemas/event";
import type { TAppEventConfig, TProjectConfig } from "@/lib/sdk-config/get-project-config";

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type TIngestEventInput = {
  config: TProjectConfig;
  userExternalId: string;
  name: string;
  payload: Record<string, unknown>;
  idempotencyKey: string | null;
  source: "sdk" | "api";
};

/**
 * Accepts an App Event for one end user: validates it as its event's mode says, then writes the event, the
 * user (on first sight), the runs of every workflow it starts and their jobs in ONE transaction, so a
 * 201 means all of it is durable. A repeat with the same Idempotency-Key within 24 h gets the first
 * answer and starts nothing.
 */
export async function ingestEvent(rawInput: TIngestEventInput): Promise<{ response: TTriggerEventResponse; repeated: boolean }> {
  // An empty header is no key at all.
  const input = { ...rawInput, idempotencyKey: rawInput.idempotencyKey?.trim() || null };
  if (input.idempotencyKey && input.idempotencyKey.length > 255) {
    throw new AppError("bad_request", "The Idempotency-Key header is longer than 255 characters");
  }
  const appEvent = input.config.appEventsByName.get(input.name);
  if (!appEvent) throw new AppError("not_found", `App Event “${input.name}” does not exist in this project`);
  const validation = validatePayload(appEvent, input.payload);
  if (validation && !validation.valid && validation.mode === "reject") {
    throw new AppError("validation_failed", `The payload does not match the schema of “${input.name}”`, { details: validation.errors });
  }
  const requestHash = input.idempotencyKey ? hashRequest(input) : null;
  if (input.idempotencyKey) {
    const repeat = await findRepeat(input.config.projectId, input.idempotencyKey, requestHash as string);
    if (repeat) return { response: repeat, repeated: true };
  }
  await consumeRateLimit({ key: `events:${input.config.projectId}`, limit: input.config.eventRateLimitPerMinute, windowSeconds: 60 });
  try {
    const response = await writeEvent(input, appEvent, validation, requestHash);
    await touchUser(input.config.projectId, input.userExternalId);
    return { response, repeated: false };
  } catch (error) {
    // Two requests with one new key raced: the loser answers as a repeat of the winner.
    if (input.idempotencyKey && ((error as { code?: string }).code === "P2002" || (error as { code?: string }).code === "23505")) {
      const repeat = await findRepeat(input.config.projectId, input.idempotencyKey, requestHash as string);
      if (repeat) return { response: repeat, repeated: true };
    }
    throw error;
  }
}

/** lastSeenAt to the minute: one short write a minute per user, never inside the event's transaction. */
async function touchUser(projectId: string, externalId: string): Promise<void> {
  await sql.query(
    `UPDATE "ConnectedUser" SET "lastSeenAt" = now() WHERE "projectId" = $1::uuid AND "externalId" = $2 AND "lastSeenAt" < now() - interval '1 minute'`,
    [projectId, externalId],
  );
}

function validatePayload(appEvent: TAppEventConfig, payload: Record<string, unknown>): TValidationOutcome | null {
  if (appEvent.validationMode === "off" || !appEvent.validate) return null;
  const valid = appEvent.validate(payload);
  const errors = (appEvent.validate.errors ?? []).map((error) => ({
    path: error.instancePath || "/",
    message: error.params && "missingProperty" in error.params ? `must have property “${String(error.params.missingProperty)}”` : (error.message ?? "is not valid"),
  }));
  return { mode: appEvent.validationMode, valid: Boolean(valid), errors };
}

/** The same request whatever the order of its keys: JSON with object keys sorted, hashed. */
function hashRequest(input: TIngestEventInput): string {
  return createHash("sha256").update(canonicalJson([input.userExternalId, input.name, input.payload])).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

async function findRepeat(projectId: string, idempotencyKey: string, requestHash: string): Promise<TTriggerEventResponse | null> {
  const previous = await db.event.findFirst({
    where: { projectId, idempotencyKey },
    select: { id: true, requestHash: true, response: true, receivedAt: true },
  });
  if (!previous) return null;
  if (Date.now() - previous.receivedAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
    // The key's window is over: free it for this new event.
    await db.event.updateMany({ where: { id: previous.id, projectId }, data: { idempotencyKey: null } });
    return null;
  }
  if (previous.requestHash !== requestHash) {
    throw new AppError("validation_failed", "This Idempotency-Key was already used with a different request body", {
      details: [{ path: "Idempotency-Key", message: "reused with a different body" }],
    });
  }
  await db.event.updateMany({ where: { id: previous.id, projectId }, data: { repeatCount: { increment: 1 } } });
  return previous.response as TTriggerEventResponse;
}

async function writeEvent(
  input: TIngestEventInput,
  appEvent: TAppEventConfig,
  validation: TValidationOutcome | null,
  requestHash: string | null,
): Promise<TTriggerEventResponse> {
  const projectId = input.config.projectId;
  const eventId = randomUUID();
  return sqlTransaction(async (tx) => {
    const user = await findOrCreateUser(tx, projectId, input.userExternalId);
    const runs = await dispatchTrigger(tx, {
      projectId,
      connectedUserId: user.id,
      trigger: { type: "app_event", appEventId: appEvent.id },
      payload: input.payload,
      eventId,
    });
    const response: TTriggerEventResponse = { eventId, runs };
    await tx.query(
      `INSERT INTO "Event" ("id", "projectId", "appEventId", "name", "connectedUserId", "payload", "validation", "source", "idempotencyKey", "requestHash", "response")
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::uuid, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb)`,
      [eventId, projectId, appEvent.id, appEvent.name, user.id, JSON.stringify(input.payload), validation ? JSON.stringify(validation) : null, input.source, input.idempotencyKey, requestHash, JSON.stringify(response)],
    );
    return response;
  });
}

/**
 * The connected user of an event, created on first sight. No row lock is taken on an existing user
 * (ON CONFLICT DO NOTHING, and lastSeenAt is touched outside this transaction), so a burst of events
 * for one user does not serialise on that user's row.
 */
async function findOrCreateUser(tx: TSql, projectId: string, externalId: string): Promise<{ id: string }> {
  const find = () => tx.query<{ id: string }>(`SELECT "id" FROM "ConnectedUser" WHERE "projectId" = $1::uuid AND "externalId" = $2`, [projectId, externalId]);
  const [existing] = await find();
  if (existing) return existing;
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO "ConnectedUser" ("id", "projectId", "externalId") VALUES (gen_random_uuid(), $1::uuid, $2)
     ON CONFLICT ("projectId", "externalId") DO NOTHING RETURNING "id"`,
    [projectId, externalId],
  );
  // Another request created the same user a moment ago; this statement sees it once it committed.
  return created ?? (await find())[0];
}
