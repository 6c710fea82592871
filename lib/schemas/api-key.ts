import { z } from "zod";
import { ZIsoDateTime, ZName, ZUuid } from "./common";

export const ZApiKey = z
  .object({
    id: ZUuid,
    name: z.string(),
    prefix: z.string().meta({ description: "The first characters of the key, to recognise it" }),
    createdAt: ZIsoDateTime,
    lastUsedAt: ZIsoDateTime.nullable(),
    revokedAt: ZIsoDateTime.nullable(),
  })
  .meta({ id: "ApiKey" });
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZApiKeyList = z.object({ apiKeys: z.array(ZApiKey) });

export const ZCreateApiKeyRequest = z.object({ name: ZName }).meta({ id: "CreateApiKeyRequest" });
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;

export const ZCreatedApiKey = ZApiKey.extend({
  key: z.string().meta({ description: "The secret; shown only in this response" }),
}).meta({ id: "CreatedApiKey" });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;
