import "server-only";
import type { Prisma } from "@/lib/db/client";
import { ZJsonObject, type TConnectedUser } from "@/lib/schemas/connected-user";

export const connectedUserSelect = {
  id: true,
  externalId: true,
  metadata: true,
  createdAt: true,
  lastSeenAt: true,
  activations: { where: { enabled: true }, select: { workflowId: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ConnectedUserSelect;

/** JSON columns holding an object (metadata, settings). Anything else stored there is a server fault. */
export function readStoredObject(json: Prisma.JsonValue): Record<string, unknown> {
  const parsed = ZJsonObject.safeParse(json);
  if (!parsed.success) throw new Error("A stored JSON object column holds something other than an object");
  return parsed.data;
}

export function serializeConnectedUser(row: Prisma.ConnectedUserGetPayload<{ select: typeof connectedUserSelect }>): TConnectedUser {
  return {
    id: row.id,
    externalId: row.externalId,
    metadata: readStoredObject(row.metadata),
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    enabledWorkflowIds: row.activations.map((activation) => activation.workflowId),
  };
}
