import "server-only";
import { db, type Prisma, type TransactionClient } from "@/lib/db/client";
import { ZJsonObject, type TAppEvent, type TAppEventUsage, type TJsonObject, type TWorkflowRef } from "@/lib/schemas/app-event";

export const appEventSelect = {
  id: true,
  name: true,
  example: true,
  jsonSchema: true,
  validationMode: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AppEventSelect;

type TAppEventRow = Prisma.AppEventGetPayload<{ select: typeof appEventSelect }>;

const ZStoredObject = ZJsonObject("not a JSON object");
const DAY_MS = 24 * 60 * 60 * 1000;

export const UNUSED: TAppEventUsage = { workflowCount: 0, deployedWorkflows: [], lastReceivedAt: null, last24h: 0 };

/** Examples and schemas are parsed on write, so one that fails here is a server fault, never the caller's. */
function readStoredObject(json: Prisma.JsonValue, what: string): TJsonObject {
  const parsed = ZStoredObject.safeParse(json);
  if (!parsed.success) throw new Error(`A stored App Event ${what} is not a JSON object`);
  return parsed.data;
}

export function serializeAppEvent(row: TAppEventRow, usage: TAppEventUsage): TAppEvent {
  return {
    id: row.id,
    name: row.name,
    example: readStoredObject(row.example, "example"),
    jsonSchema: readStoredObject(row.jsonSchema, "schema"),
    validationMode: row.validationMode,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    usage,
  };
}

/** The deployed workflows an App Event starts: those its rename affects and its deletion would break. */
export function findDeployedWorkflows(client: Pick<TransactionClient, "workflow">, projectId: string, appEventId: string): Promise<TWorkflowRef[]> {
  return client.workflow.findMany({
    where: { projectId, triggerAppEventId: appEventId, deployedVersionId: { not: null } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

type TTriggerRow = { id: string; name: string; deployedAppEventId: string | null; draftAppEventId: string | null };

/**
 * Which workflows use each event (their draft's trigger, or the deployed trigger dispatch reads) and
 * when events of each kind arrived, in three queries for the whole list.
 */
export async function loadAppEventUsage(options: { projectId: string; appEventIds: string[]; now?: Date }): Promise<Map<string, TAppEventUsage>> {
  const { projectId, appEventIds } = options;
  const usage = new Map(appEventIds.map((id) => [id, { ...UNUSED, deployedWorkflows: [] as TWorkflowRef[] }]));
  if (appEventIds.length === 0) return usage;
  const since = new Date((options.now ?? new Date()).getTime() - DAY_MS);
  const [workflows, latest, recent] = await Promise.all([
    // The draft is JSON; reading only its trigger's id keeps whole graphs out of this query.
    db.$queryRaw<TTriggerRow[]>`
      SELECT "id", "name",
        CASE WHEN "deployedVersionId" IS NOT NULL THEN "triggerAppEventId"::text END AS "deployedAppEventId",
        "draft" #>> '{trigger,appEventId}' AS "draftAppEventId"
      FROM "Workflow"
      WHERE "projectId" = ${projectId}::uuid
        AND ("triggerAppEventId" = ANY(${appEventIds}::uuid[]) OR "draft" #>> '{trigger,appEventId}' = ANY(${appEventIds}::text[]))
      ORDER BY "name", "id"`,
    db.event.groupBy({ by: ["appEventId"], where: { projectId, appEventId: { in: appEventIds } }, _max: { receivedAt: true } }),
    db.event.groupBy({ by: ["appEventId"], where: { projectId, appEventId: { in: appEventIds }, receivedAt: { gte: since } }, _count: { _all: true } }),
  ]);
  for (const workflow of workflows) {
    for (const id of new Set([workflow.deployedAppEventId, workflow.draftAppEventId])) {
      const entry = id ? usage.get(id) : undefined;
      if (entry) entry.workflowCount += 1;
    }
    const deployed = workflow.deployedAppEventId ? usage.get(workflow.deployedAppEventId) : undefined;
    deployed?.deployedWorkflows.push({ id: workflow.id, name: workflow.name });
  }
  for (const row of latest) {
    const entry = row.appEventId ? usage.get(row.appEventId) : undefined;
    if (entry && row._max.receivedAt) entry.lastReceivedAt = row._max.receivedAt.toISOString();
  }
  for (const row of recent) {
    const entry = row.appEventId ? usage.get(row.appEventId) : undefined;
    if (entry) entry.last24h = row._count._all;
  }
  return usage;
}

export async function serializeAppEvents(projectId: string, rows: TAppEventRow[]): Promise<TAppEvent[]> {
  const usage = await loadAppEventUsage({ projectId, appEventIds: rows.map((row) => row.id) });
  return rows.map((row) => serializeAppEvent(row, usage.get(row.id) ?? UNUSED));
}
