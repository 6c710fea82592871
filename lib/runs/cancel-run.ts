import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/**
 * Cancels a queued, running or waiting run. A queued or waiting run's pending job is removed; a running
 * one stops before its next step (the step in flight finishes and is recorded).
 */
export async function cancelRun(options: { projectId: string; runId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const run = await tx.run.findFirst({ where: { id: options.runId, projectId: options.projectId }, select: { status: true } });
    if (!run) throw new AppError("not_found", "Run not found");
    const cancelled = await tx.run.updateMany({
      where: { id: options.runId, projectId: options.projectId, status: { in: ["queued", "running", "waiting"] } },
      data: { status: "cancelled", finishedAt: new Date(), resumeAt: null },
    });
    if (cancelled.count === 0) throw new AppError("conflict", `The run already ${run.status === "cancelled" ? "was cancelled" : run.status}; only queued, running or waiting runs can be cancelled`);
    await tx.$executeRaw`SELECT graphile_worker.remove_job(${`run:${options.runId}`})`;
  });
}
