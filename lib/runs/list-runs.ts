import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";
import type { TRunList, TRunListQuery } from "@/lib/schemas/run";
import { runSummarySelect, serializeRunSummary } from "./serialize-run";

/** Where a page of runs ended, in their order (createdAt desc, id desc). */
type TRunCursor = { createdAt: Date; id: string };

const ZCursorPayload = z.object({ createdAt: z.iso.datetime(), id: ZUuid });

// Opaque to callers so the order can change without breaking their links.
function encodeRunCursor(cursor: TRunCursor): string {
  return Buffer.from(JSON.stringify({ createdAt: cursor.createdAt.toISOString(), id: cursor.id })).toString("base64url");
}

function decodeRunCursor(text: string): TRunCursor {
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
  return { createdAt: new Date(parsed.data.createdAt), id: parsed.data.id };
}

/** Newest first; keyset pagination, so pages neither skip nor repeat runs while new ones arrive. */
export async function listRuns(options: TRunListQuery & { projectId: string }): Promise<TRunList> {
  const { projectId } = options;
  const after = options.cursor ? decodeRunCursor(options.cursor) : null;
  const where: Prisma.RunWhereInput = {
    projectId,
    ...(options.workflowId ? { workflowId: options.workflowId } : {}),
    ...(options.userId ? { connectedUser: { is: { projectId, externalId: options.userId } } } : {}),
    ...(options.status ? { status: { in: options.status } } : {}),
    ...(options.triggerType ? { triggerType: options.triggerType } : {}),
    AND: [
      ...(options.from ? [{ createdAt: { gte: new Date(options.from) } }] : []),
      ...(options.to ? [{ createdAt: { lt: new Date(options.to) } }] : []),
      ...(after ? [{ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] : []),
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
    nextCursor: rows.length > options.limit && last ? encodeRunCursor(last) : null,
  };
}
