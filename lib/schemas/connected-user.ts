// The SaaS app's end users as the management API shows them, and their per-workflow switches.
import { z } from "zod";
import { ZIsoDateTime, ZUuid } from "./common";

/** The `sub` of a user token: how the SaaS app names its user. */
export const ZExternalUserId = z.string().min(1, "Enter the user's id").max(255, "Use at most 255 characters");

/** Free-form JSON the SaaS app or the user attached; an object at the top level. */
export const ZJsonObject = z.record(z.string(), z.unknown());

export const ZConnectedUser = z
  .object({
    id: ZUuid,
    externalId: ZExternalUserId.meta({ description: "The `sub` of the user's tokens" }),
    metadata: ZJsonObject,
    createdAt: ZIsoDateTime,
    lastSeenAt: ZIsoDateTime,
    enabledWorkflowIds: z
      .array(ZUuid)
      .meta({ description: "Workflows this user switched on (workflows enabled for all users are not listed)" }),
  })
  .meta({ id: "ConnectedUser" });
export type TConnectedUser = z.infer<typeof ZConnectedUser>;

export const ZConnectedUserList = z
  .object({
    users: z.array(ZConnectedUser),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  })
  .meta({ id: "ConnectedUserList" });
export type TConnectedUserList = z.infer<typeof ZConnectedUserList>;

export const ZListConnectedUsersQuery = z.object({
  q: z.string().max(255).optional().meta({ description: "Only users whose external id starts with this" }),
  cursor: z.string().max(500).optional().meta({ description: "The nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TListConnectedUsersQuery = z.infer<typeof ZListConnectedUsersQuery>;

export const ZSetWorkflowActivationRequest = z
  .object({
    settings: ZJsonObject.optional().meta({ description: "Replaces the user's settings; omit to keep them" }),
  })
  .meta({ id: "SetWorkflowActivationRequest" });
export type TSetWorkflowActivationRequest = z.infer<typeof ZSetWorkflowActivationRequest>;

export const ZWorkflowActivation = z
  .object({
    workflowId: ZUuid,
    userId: ZExternalUserId.meta({ description: "The user's external id" }),
    enabled: z.boolean(),
    settings: ZJsonObject,
  })
  .meta({ id: "WorkflowActivation" });
export type TWorkflowActivation = z.infer<typeof ZWorkflowActivation>;

/**
 * The user's ids in integrations' own systems, kept in metadata under `providerIds` ({ "github": "4211" },
 * { "custom:orders": "acct_9" }): app-level webhook endpoints route deliveries by them.
 */
export const ZProviderIds = z
  .record(z.string().min(1).max(200), z.union([z.string().min(1).max(255), z.number().transform(String), z.null()]))
  .refine((ids) => Object.keys(ids).length <= 100, "Set at most 100 provider ids");
export type TProviderIds = z.infer<typeof ZProviderIds>;

export const ZUpdateUserMetadataRequest = z
  .object({
    meta: ZJsonObject.meta({
      description:
        "Merged into the user's metadata key by key (a null value removes the key). `providerIds` maps an integration to the user's id in it, for webhook routing",
    }),
  })
  .meta({ id: "UpdateUserMetadataRequest" });
export type TUpdateUserMetadataRequest = z.infer<typeof ZUpdateUserMetadataRequest>;
