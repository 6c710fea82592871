import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TAppEvent } from "@/lib/schemas/app-event";
import { appEventSelect, serializeAppEvents } from "./serialize-app-event";

export async function getAppEvent(options: { projectId: string; appEventId: string }): Promise<TAppEvent> {
  const row = await db.appEvent.findFirst({ where: { id: options.appEventId, projectId: options.projectId }, select: appEventSelect });
  if (!row) throw notFound("App Event");
  const [appEvent] = await serializeAppEvents(options.projectId, [row]);
  return appEvent;
}
