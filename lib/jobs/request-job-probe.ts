import "server-only";
import { db } from "@/lib/db/client";
import { enqueueJobs } from "./job-specs";

/** Writes a probe row and its job in one transaction; a worker marks it completed. */
export async function requestJobProbe(): Promise<string> {
  return db.$transaction(async (tx) => {
    const probe = await tx.jobProbe.create({ data: {}, select: { id: true } });
    await enqueueJobs(tx, [{ task: "system:probe", payload: { probeId: probe.id } }]);
    return probe.id;
  });
}
