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
