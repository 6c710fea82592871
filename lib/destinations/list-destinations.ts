import "server-only";
import { db } from "@/lib/db/client";
import type { TDestination } from "@/lib/schemas/destination";
import { destinationSelect, serializeDestination } from "./serialize-destination";

export async function listDestinations(projectId: string): Promise<TDestination[]> {
  const rows = await db.notificationDestination.findMany({
    where: { projectId },
    select: destinationSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(serializeDestination);
}
