import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { TTriggerEventResponse, TValidationOutcome } from "@/lib/schemas/event";
import type { TAppEventConfig, TProjectConfig } from "@/lib/sdk-config/get-project-config";
import { writeEventInBatch } from "./write-event-in-batch";
import type { TEventRow } from "./write-events";

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
 * 201 means all of it is durable; events of the project arriving at the same moment share that transaction
 * (see write-event-in-batch.ts). A repeat with the same Idempotency-Key within 24 h gets the first answer
 * and starts nothing.
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
  const row: TEventRow = {
    eventId: randomUUID(),
    externalId: input.userExternalId,
    appEventId: appEvent.id,
    name: appEvent.name,
    payload: input.payload,
    validation,
    source: input.source,
    idempotencyKey: input.idempotencyKey,
    requestHash,
  };
  try {
    const response = await writeEventInBatch({
      projectId: input.config.projectId,
      rateLimit: { key: `events:${input.config.projectId}`, limit: input.config.eventRateLimitPerMinute, windowSeconds: 60 },
      row,
    });
    return { response, repeated: false };
  } catch (error) {
    // Two requests with one new key raced: the loser answers as a repeat of the winner.
    // The App Event was deleted between the lookup and the write (its foreign key refused the event).
    if ((error as { code?: string }).code === "23503") throw new AppError("not_found", `App Event “${input.name}” does not exist in this project`);
    if (input.idempotencyKey && ((error as { code?: string }).code === "P2002" || (error as { code?: string }).code === "23505")) {
      const repeat = await findRepeat(input.config.projectId, input.idempotencyKey, requestHash as string);
      if (repeat) return { response: repeat, repeated: true };
    }
    throw error;
  }
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
