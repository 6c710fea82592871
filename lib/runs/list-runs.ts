import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { containsText } from "@/lib/db/contains-text";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";
import type { TRunList, TRunListQuery } from "@/lib/schemas/run";
import { runSummarySelect, serializeRunSummary } from "./serialize-run";

/** Newest first; keyset pagination, so pages neither skip nor repeat runs while new ones arrive. */
export async function listRuns(options: TRunListQuery & { projectId: string }): Promise<TRunList> {
  const { projectId } = options;
  const after = options.cursor ? decodeKeysetCursor(options.cursor) : null;
  const where: Prisma.RunWhereInput = {
    projectId,
    ...(options.workflowId ? { workflowId: options.workflowId } : {}),
    ...(options.userId ? { connectedUser: { is: { projectId, externalId: options.userId } } } : {}),
    ...(options.status ? { status: { in: options.status } } : {}),
    ...(options.triggerType ? { triggerType: options.triggerType } : {}),
    AND: [
      ...(options.q ? [searchRuns(projectId, options.q)] : []),
      ...(options.from ? [{ createdAt: { gte: new Date(options.from) } }] : []),
      ...(options.to ? [{ createdAt: { lt: new Date(options.to) } }] : []),
      ...(after ? [{ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }] : []),
    ],
  };
  const rows = await db.run.findMany({
    where,
    select: runSummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    runs: page.map(serializeRunSummary),
    nextCursor: rows.length > options.limit && last ? encodeKeysetCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/**
 * Task History's search box takes whatever id a builder has at hand: a run's, its event's (both exact, so only
 * when the text is a UUID: the columns are uuid) or part of the user's external id, the `sub` of their tokens.
 */
function searchRuns(projectId: string, q: string): Prisma.RunWhereInput {
  const byUser: Prisma.RunWhereInput = { connectedUser: { is: { projectId, externalId: containsText(q) } } };
  if (!z.guid().safeParse(q).success) return byUser;
  const id = q.toLowerCase();
  return { OR: [{ id }, { eventId: id }, byUser] };
}
