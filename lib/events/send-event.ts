import "server-only";
import { AppError } from "@/lib/http/errors";
import type { TTriggerEventResponse } from "@/lib/schemas/event";
import { getProjectConfig } from "@/lib/sdk-config/get-project-config";
import { ingestEvent } from "./ingest-event";

export type TSendEventInput = {
  projectId: string;
  /** The end user's external id: what their tokens carry as `sub`. */
  userId: string;
  name: string;
  payload: Record<string, unknown>;
  idempotencyKey: string | null;
};

/**
 * An App Event sent server to server, for a user the caller names. It goes through the same ingestion as
 * the SDK endpoint (validation, idempotency, rate limit, one transaction), so both answer alike.
 */
export async function sendEvent(input: TSendEventInput): Promise<TTriggerEventResponse> {
  const config = await getProjectConfig(input.projectId);
  if (!config) throw new AppError("not_found", "Project not found");
  const { response } = await ingestEvent({
    config,
    userExternalId: input.userId,
    name: input.name,
    payload: input.payload,
    idempotencyKey: input.idempotencyKey,
    source: "api",
  });
  return response;
}
