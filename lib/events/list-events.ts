import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";
import type { TEventList, TListEventsQuery } from "@/lib/schemas/event-log";
import { eventLogSelect, serializeEvents } from "./serialize-event";

/** Where a page of events ended, in their order (receivedAt desc, id desc). */
type TEventCursor = { receivedAt: Date; id: string };

const ZCursorPayload = z.tuple([z.iso.datetime(), ZUuid]);

// Opaque to callers so the order can change without breaking their links.
function encodeEventCursor(cursor: TEventCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt.toISOString(), cursor.id])).toString("base64url");
}

function decodeEventCursor(text: string): TEventCursor {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    payload = null;
  }
  const parsed = ZCursorPayload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The request is not valid", {
      details: [{ path: "cursor", message: "Use the nextCursor of a previous page" }],
    });
  }
  return { receivedAt: new Date(parsed.data[0]), id: parsed.data[1] };
}

/** The Event Log: newest first; keyset pagination, so pages neither skip nor repeat events while new ones arrive. */
export async function listEvents(options: TListEventsQuery & { projectId: string }): Promise<TEventList> {
  const { projectId } = options;
  const after = options.cursor ? decodeEventCursor(options.cursor) : null;
  let connectedUserId: string | undefined;
  if (options.userId !== undefined) {
    const user = await db.connectedUser.findFirst({ where: { projectId, externalId: options.userId }, select: { id: true } });
    if (!user) return { events: [], nextCursor: null };
    connectedUserId = user.id;
  }
  const where: Prisma.EventWhereInput = {
    projectId,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(connectedUserId ? { connectedUserId } : {}),
    ...(after ? { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] } : {}),
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
    nextCursor: rows.length > options.limit && last ? encodeEventCursor(last) : null,
  };
}
