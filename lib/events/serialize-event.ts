import "server-only";
import type { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { ZJsonObject } from "@/lib/schemas/connected-user";
import { ZTriggerEventResponse, ZValidationOutcome } from "@/lib/schemas/event";
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import { ZDeliveryRecord, ZDeliveryStatus } from "@/lib/schemas/webhook-endpoint";
import type { TRunStatus } from "@/lib/schemas/run";

export const eventLogSelect = {
  id: true,
  name: true,
  connectedUserId: true,
  payload: true,
  validation: true,
  source: true,
  repeatCount: true,
  response: true,
  receivedAt: true,
  deliveryStatus: true,
  delivery: true,
} satisfies Prisma.EventSelect;

type TEventRow = Prisma.EventGetPayload<{ select: typeof eventLogSelect }>;

/** Stored JSON columns are parsed on read too: a row that fails is a server fault, not a caller's. */
function readStored<S extends z.ZodType>(schema: S, value: unknown, column: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`An event's stored ${column} does not have the expected shape`);
  return parsed.data;
}

/**
 * Turns a page of events into Event Log entries. Event rows name their user and runs by id only (runs
 * outlive neither retention nor their workflow), so users, runs and workflows are read in one query
 * each for the whole page, always scoped to the project.
 */
export async function serializeEvents(projectId: string, rows: TEventRow[]): Promise<TEventLogEntry[]> {
  const parsed = rows.map((row) => ({
    row,
    startedRuns: readStored(ZTriggerEventResponse, row.response, "response").runs,
    validation: row.validation === null ? null : readStored(ZValidationOutcome, row.validation, "validation"),
    payload: row.source === "webhook" ? row.payload : readStored(ZJsonObject, row.payload, "payload"),
    webhook:
      row.source === "webhook" && row.delivery !== null
        ? { status: readStored(ZDeliveryStatus, row.deliveryStatus, "deliveryStatus"), delivery: readStored(ZDeliveryRecord, row.delivery, "delivery") }
        : null,
  }));
  const userIds = [...new Set(rows.flatMap((row) => (row.connectedUserId ? [row.connectedUserId] : [])))];
  const runIds = parsed.flatMap((entry) => entry.startedRuns.map((run) => run.runId));
  const workflowIds = [...new Set(parsed.flatMap((entry) => entry.startedRuns.map((run) => run.workflowId)))];
  const [users, runs, workflows] = await Promise.all([
    userIds.length > 0
      ? db.connectedUser.findMany({ where: { projectId, id: { in: userIds } }, select: { id: true, externalId: true } })
      : [],
    runIds.length > 0 ? db.run.findMany({ where: { projectId, id: { in: runIds } }, select: { id: true, status: true } }) : [],
    workflowIds.length > 0
      ? db.workflow.findMany({ where: { projectId, id: { in: workflowIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const externalIds = new Map(users.map((user) => [user.id, user.externalId]));
  const statuses = new Map<string, TRunStatus>(runs.map((run) => [run.id, run.status]));
  const workflowNames = new Map(workflows.map((workflow) => [workflow.id, workflow.name]));
  return parsed.map(({ row, startedRuns, validation, payload, webhook }) => ({
    id: row.id,
    name: row.name,
    userId: row.connectedUserId ? (externalIds.get(row.connectedUserId) ?? null) : null,
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    validation,
    repeatCount: row.repeatCount,
    runs: startedRuns.map((run) => ({
      runId: run.runId,
      workflowId: run.workflowId,
      workflowName: workflowNames.get(run.workflowId) ?? null,
      status: statuses.get(run.runId) ?? null,
    })),
    payload,
    webhook,
  }));
}
