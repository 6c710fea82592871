import "server-only";
import { db } from "@/lib/db/client";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { notFound } from "@/lib/http/errors";
import type { TScheduleTick } from "@/lib/schemas/schedule";
import { serializeTick, tickSelect } from "./get-schedule-status";

/** The ticks a workflow's schedule reached, newest first, optionally only those that ran or were skipped. */
export async function listScheduleTicks(options: { projectId: string; workflowId: string; outcome?: "ran" | "skipped"; cursor?: string; limit: number }): Promise<{ ticks: TScheduleTick[]; nextCursor: string | null }> {
  const workflow = await db.workflow.findFirst({ where: { id: options.workflowId, projectId: options.projectId }, select: { id: true } });
  if (!workflow) throw notFound("Workflow");
  const after = options.cursor ? decodeKeysetCursor(options.cursor) : null;
  const rows = await db.scheduleTick.findMany({
    where: {
      projectId: options.projectId,
      workflowId: options.workflowId,
      ...(options.outcome ? { outcome: options.outcome } : {}),
      ...(after ? { OR: [{ scheduledAt: { lt: after.at } }, { scheduledAt: after.at, id: { lt: after.id } }] } : {}),
    },
    select: { ...tickSelect, id: true },
    orderBy: [{ scheduledAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    ticks: page.map(({ id: _id, ...tick }) => serializeTick(tick)),
    nextCursor: rows.length > options.limit && last ? encodeKeysetCursor({ at: last.scheduledAt, id: last.id }) : null,
  };
}
