import "server-only";
import { headers } from "next/headers";

/** The browser and address of the request being served, for the account page's session list. */
export async function requestDevice(): Promise<{ userAgent: string | null; ipAddress: string | null }> {
  try {
    const list = await headers();
    const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
    return { userAgent: list.get("user-agent"), ipAddress: forwarded || list.get("x-real-ip") };
  } catch {
    // Outside a request (a script, a test), there is no browser to describe.
    return { userAgent: null, ipAddress: null };
  }
}
