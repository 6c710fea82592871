import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import type { TAppEvent, TUpdateAppEventRequest } from "@/lib/schemas/app-event";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import { assertNameFree, assertValidJsonSchema, workflowsPhrase } from "./app-event-conflicts";
import { deriveJsonSchema } from "./derive-json-schema";
import { findDeployedWorkflows } from "./serialize-app-event";
import { getAppEvent } from "./get-app-event";

/**
 * A new example without a schema brings its derived schema with it. Renaming an event that deployed
 * workflows use needs `confirmRename`: they keep working (they reference the event by id), but the
 * SaaS app must send the new name from then on, and events under the old name are refused.
 */
export async function updateAppEvent(options: TUpdateAppEventRequest & { projectId: string; appEventId: string }): Promise<TAppEvent> {
  const { projectId, appEventId, name, example, validationMode, confirmRename } = options;
  if (options.jsonSchema) assertValidJsonSchema(options.jsonSchema);
  const jsonSchema = options.jsonSchema ?? (example ? deriveJsonSchema(example) : undefined);
  const where = { id: appEventId, projectId };
  await db.$transaction(async (tx) => {
    const current = await tx.appEvent.findFirst({ where, select: { name: true } });
    if (!current) throw notFound("App Event");
    if (name !== undefined && name !== current.name) {
      await assertNameFree(tx, { projectId, name, exceptId: appEventId });
      const deployed = confirmRename ? [] : await findDeployedWorkflows(tx, projectId, appEventId);
      if (deployed.length > 0) {
        throw new AppError(
          "conflict",
          `“${current.name}” starts ${workflowsPhrase(deployed)}. They keep working after the rename, but your app must send “${name}” from then on; confirm the rename to go ahead.`,
          { details: { deployedWorkflows: deployed } },
        );
      }
    }
    await tx.appEvent.updateMany({
      where,
      data: {
        name,
        validationMode,
        ...(example ? { example: example as Prisma.InputJsonObject } : {}),
        ...(jsonSchema ? { jsonSchema: jsonSchema as Prisma.InputJsonObject } : {}),
      },
    });
    await announceConfigChange(tx, projectId);
  });
  return getAppEvent({ projectId, appEventId });
}
