import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import { eventLogSelect, serializeEvents } from "./serialize-event";

/** One received event with its payload and the runs it started. */
export async function getEvent(options: { projectId: string; eventId: string }): Promise<TEventLogEntry> {
  const row = await db.event.findFirst({ where: { id: options.eventId, projectId: options.projectId }, select: eventLogSelect });
  if (!row) throw notFound("Event");
  const [entry] = await serializeEvents(options.projectId, [row]);
  return entry;
}
