// GET /api/ready — readiness: 200 { status: "ready", checks } when the database answers and every migration is applied, else 503 with Retry-After
import { checkReadiness } from "@/lib/health/check-readiness";

export const dynamic = "force-dynamic";

/** Seconds a load balancer or client should wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

export async function GET() {
  const readiness = await checkReadiness();
  const ready = readiness.status === "ready";
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (!ready) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return Response.json(readiness, { status: ready ? 200 : 503, headers });
}
