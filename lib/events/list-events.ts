import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { containsText } from "@/lib/db/contains-text";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";
import type { TEventList, TListEventsQuery } from "@/lib/schemas/event-log";
import { eventLogSelect, serializeEvents } from "./serialize-event";

/** The Event Log: newest first; keyset pagination, so pages neither skip nor repeat events while new ones arrive. */
export async function listEvents(options: TListEventsQuery & { projectId: string }): Promise<TEventList> {
  const { projectId } = options;
  const after = options.cursor ? decodeKeysetCursor(options.cursor) : null;
  let connectedUserId: string | undefined;
  if (options.userId !== undefined) {
    const user = await db.connectedUser.findFirst({ where: { projectId, externalId: options.userId }, select: { id: true } });
    if (!user) return { events: [], nextCursor: null };
    connectedUserId = user.id;
  }
  const where: Prisma.EventWhereInput = {
    projectId,
    ...(options.name ? { name: containsText(options.name) } : {}),
    ...(connectedUserId ? { connectedUserId } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.integration !== undefined ? { integration: options.integration } : {}),
    ...(options.endpointId !== undefined ? { webhookEndpointId: options.endpointId } : {}),
    ...(options.deliveryStatus !== undefined ? { deliveryStatus: options.deliveryStatus } : {}),
    ...(options.startedRuns === "true" ? { NOT: { response: { path: ["runs"], equals: [] } } } : {}),
    ...(options.startedRuns === "false" ? { response: { path: ["runs"], equals: [] } } : {}),
    // Only a checked payload has an outcome; reject mode refuses a mismatch, so what is kept here came in warn mode.
    ...(options.schemaMismatch === "true" ? { validation: { path: ["valid"], equals: false } } : {}),
    ...(options.after !== undefined ? { receivedAt: { gt: new Date(options.after) } } : {}),
    ...(after ? { OR: [{ receivedAt: { lt: after.at } }, { receivedAt: after.at, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.event.findMany({
    where,
    select: eventLogSelect,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    events: await serializeEvents(projectId, page),
    nextCursor: rows.length > options.limit && last ? encodeKeysetCursor({ at: last.receivedAt, id: last.id }) : null,
  };
}
