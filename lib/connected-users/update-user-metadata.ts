import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { type TConnectedUser, ZProviderIds } from "@/lib/schemas/connected-user";
import { connectedUserSelect, readStoredObject, serializeConnectedUser } from "./serialize-connected-user";

/**
 * Merges `meta` into a user's metadata, key by key (null removes a key), creating the user on first sight,
 * and keeps their indexed provider ids (ConnectedUserProviderId) equal to the merged `providerIds`, in one
 * transaction. The user row is locked for the merge, so two updates at once both land.
 */
export async function updateUserMetadata(options: { projectId: string; externalId: string; meta: Record<string, unknown> }): Promise<TConnectedUser> {
  const { projectId, externalId } = options;
  const providerIdsPatch = options.meta.providerIds;
  if (providerIdsPatch !== undefined && providerIdsPatch !== null) {
    const parsed = ZProviderIds.safeParse(providerIdsPatch);
    if (!parsed.success) {
      throw new AppError("validation_failed", "meta.providerIds must map integrations to ids", {
        details: parsed.error.issues.map((issue) => ({ path: ["meta", "providerIds", ...issue.path.map(String)].join("."), message: issue.message })),
      });
    }
  }
  return db.$transaction(async (tx) => {
    await tx.connectedUser.upsert({ where: { projectId_externalId: { projectId, externalId } }, create: { projectId, externalId }, update: {}, select: { id: true } });
    const [locked] = await tx.$queryRaw<{ id: string; metadata: Prisma.JsonValue }[]>`
      SELECT "id", "metadata" FROM "ConnectedUser" WHERE "projectId" = ${projectId}::uuid AND "externalId" = ${externalId} FOR UPDATE`;
    const metadata = readStoredObject(locked.metadata);
    for (const [key, value] of Object.entries(options.meta)) {
      if (value === null) delete metadata[key];
      else if (key === "providerIds") metadata.providerIds = mergeProviderIds(metadata.providerIds, value);
      else metadata[key] = value;
    }
    await tx.connectedUser.update({ where: { id: locked.id, projectId }, data: { metadata: metadata as Prisma.InputJsonValue } });
    if ("providerIds" in options.meta) {
      const ids = Object.entries(ZProviderIds.catch({}).parse(metadata.providerIds ?? {})).flatMap(([provider, id]) => (id === null ? [] : [{ provider, providerId: id }]));
      await tx.connectedUserProviderId.deleteMany({ where: { projectId, connectedUserId: locked.id } });
      if (ids.length > 0) {
        // An id in an integration names one user: one another user holds already is refused, not taken over.
        const taken = await tx.connectedUserProviderId.findFirst({
          where: { projectId, OR: ids.map((id) => ({ provider: id.provider, providerId: id.providerId })) },
          select: { provider: true, providerId: true },
        });
        if (taken) {
          throw new AppError("conflict", `Another user already has ${taken.provider} id “${taken.providerId}”`, {
            details: [{ path: `meta.providerIds.${taken.provider}`, message: "already another user's" }],
          });
        }
        await tx.connectedUserProviderId.createMany({ data: ids.map((id) => ({ projectId, connectedUserId: locked.id, ...id })) });
      }
    }
    return serializeConnectedUser(await tx.connectedUser.findFirstOrThrow({ where: { id: locked.id, projectId }, select: connectedUserSelect }));
  });
}

function mergeProviderIds(current: unknown, patch: unknown): Record<string, string> {
  const merged: Record<string, string> = {};
  const base = ZProviderIds.catch({}).parse(current ?? {});
  for (const [provider, id] of Object.entries(base)) if (id !== null) merged[provider] = id;
  for (const [provider, id] of Object.entries(ZProviderIds.parse(patch))) {
    if (id === null) delete merged[provider];
    else merged[provider] = id;
  }
  return merged;
}
