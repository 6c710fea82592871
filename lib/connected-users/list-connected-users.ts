import "server-only";
import { db } from "@/lib/db/client";
import type { TConnectedUserList, TListConnectedUsersQuery } from "@/lib/schemas/connected-user";
import { connectedUserSelect, serializeConnectedUser } from "./serialize-connected-user";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";

// Prisma passes startsWith/contains to LIKE as they are, so % and _ would act as wildcards.
const escapeLikePattern = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Newest first; keyset pagination, so pages stay right while users are added. */
export async function listConnectedUsers(options: TListConnectedUsersQuery & { projectId: string }): Promise<TConnectedUserList> {
  const after = options.cursor ? decodeKeysetCursor(options.cursor) : null;
  const rows = await db.connectedUser.findMany({
    where: {
      projectId: options.projectId,
      ...(options.q ? { externalId: { startsWith: escapeLikePattern(options.q) } } : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }
        : {}),
    },
    select: connectedUserSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    users: page.map(serializeConnectedUser),
    nextCursor: rows.length > options.limit && last ? encodeKeysetCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
