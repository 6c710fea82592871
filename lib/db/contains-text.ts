import "server-only";
import type { Prisma } from "@/lib/db/client";

/**
 * A case-insensitive substring filter that takes the text literally. Prisma hands `contains` to ILIKE as it
 * is (prisma/prisma#19506), so %, _ and the escape character \ would otherwise act as wildcards.
 */
export function containsText(text: string): { contains: string; mode: Prisma.QueryMode } {
  return { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" };
}
