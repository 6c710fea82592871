import "server-only";
import { db } from "@/lib/db/client";
import { sampleScheduleTrigger } from "@/lib/schedules/sample-tick";
import type { TTrigger } from "@/lib/schemas/workflow";

/**
 * What `trigger` holds in a run started by hand (a test run, "Run now") or a tested step: the builder's
 * test payload, or for a schedule (whose runs have no payload) the sample tick the variable picker shows.
 */
export async function testTriggerData(projectId: string, trigger: TTrigger, payload: unknown): Promise<Record<string, unknown>> {
  if (trigger.type !== "schedule") return { type: trigger.type, payload: payload ?? null };
  const project = await db.project.findFirst({ where: { id: projectId }, select: { timezone: true } });
  return sampleScheduleTrigger(trigger, { now: new Date(), projectTimeZone: project?.timezone });
}
