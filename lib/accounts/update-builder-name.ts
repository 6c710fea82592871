import "server-only";
import { db } from "@/lib/db/client";
import { refuseUnstorableText } from "@/lib/http/storable-text";
import { ZUpdateProfileRequest } from "./schemas";

export async function updateBuilderName(input: { builderId: string; name: unknown }): Promise<{ name: string }> {
  refuseUnstorableText({ name: input.name }, "body");
  const { name } = ZUpdateProfileRequest.parse({ name: input.name });
  return db.builder.update({ where: { id: input.builderId }, data: { name }, select: { name: true } });
}
