import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { TAppEvent, TCreateAppEventRequest } from "@/lib/schemas/app-event";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import { assertNameFree, assertValidJsonSchema } from "./app-event-conflicts";
import { deriveJsonSchema } from "./derive-json-schema";
import { appEventSelect, serializeAppEvent, UNUSED } from "./serialize-app-event";

/** Without a schema, the one the example implies; a given one must be a valid JSON Schema. */
export async function createAppEvent(options: TCreateAppEventRequest & { projectId: string }): Promise<TAppEvent> {
  const { projectId, name, example, validationMode } = options;
  if (options.jsonSchema) assertValidJsonSchema(options.jsonSchema);
  const jsonSchema = options.jsonSchema ?? deriveJsonSchema(example);
  const row = await db.$transaction(async (tx) => {
    await assertNameFree(tx, { projectId, name });
    const created = await tx.appEvent.create({
      data: { projectId, name, example: example as Prisma.InputJsonObject, jsonSchema: jsonSchema as Prisma.InputJsonObject, validationMode },
      select: appEventSelect,
    });
    // SDK endpoints cache a project's App Events; this drops every process's copy on commit.
    await announceConfigChange(tx, projectId);
    return created;
  });
  // A new id: no workflow can reference it yet, and no event has arrived for it.
  return serializeAppEvent(row, UNUSED);
}
