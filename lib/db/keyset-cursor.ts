import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";

/** Where a page ended in a newest-first list ordered by (a timestamp desc, id desc). */
export type TKeysetCursor = { at: Date; id: string };

const ZCursorPayload = z.tuple([z.iso.datetime(), ZUuid]);

// Opaque to callers so the order can change without breaking their links.
export function encodeKeysetCursor(cursor: TKeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString("base64url");
}

export function decodeKeysetCursor(text: string): TKeysetCursor {
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
  return { at: new Date(parsed.data[0]), id: parsed.data[1] };
}
