import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";

/** Where a page of users ended, in their order (createdAt desc, id desc). */
export type TUserCursor = { createdAt: Date; id: string };

const ZCursorPayload = z.tuple([z.iso.datetime(), ZUuid]);

// Opaque to callers so the order can change without breaking their links.
export function encodeUserCursor(cursor: TUserCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeUserCursor(text: string): TUserCursor {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    payload = null;
  }
  const parsed = ZCursorPayload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The request is not valid", {
      details: [{ path: "cursor", message: "Use the nextCursor of a previous page" }],
    });
  }
  return { createdAt: new Date(parsed.data[0]), id: parsed.data[1] };
}
