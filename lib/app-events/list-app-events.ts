import "server-only";
import { db } from "@/lib/db/client";
import type { TAppEvent } from "@/lib/schemas/app-event";
import { appEventSelect, serializeAppEvents } from "./serialize-app-event";

/** Every App Event of the project by name, each with the workflows that use it and its recent traffic. */
export async function listAppEvents(options: { projectId: string }): Promise<TAppEvent[]> {
  const rows = await db.appEvent.findMany({
    where: { projectId: options.projectId },
    select: appEventSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return serializeAppEvents(options.projectId, rows);
}
