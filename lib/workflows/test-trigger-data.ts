import "server-only";
import { db } from "@/lib/db/client";
import { sampleScheduleTrigger } from "@/lib/schedules/sample-tick";
import type { TTrigger } from "@/lib/schemas/workflow";
import { requestInputFromTestData } from "./request-trigger-input";
import { sampleWebhookTrigger } from "./webhook-trigger-input";

/**
 * What `trigger` holds in a run started by hand (a test run, "Run now") or a tested step: the builder's
 * test payload; for a Request trigger, the call that payload describes (`{ body, query, headers }`); for a
 * schedule (whose runs have no payload), the sample tick the variable picker shows.
 */
export async function testTriggerData(projectId: string, trigger: TTrigger, payload: unknown): Promise<Record<string, unknown>> {
  if (trigger.type === "request") return requestInputFromTestData(payload);
  if (trigger.type === "webhook") return sampleWebhookTrigger(trigger, payload);
  if (trigger.type !== "schedule") return { type: trigger.type, payload: payload ?? null };
  const project = await db.project.findFirst({ where: { id: projectId }, select: { timezone: true } });
  return sampleScheduleTrigger(trigger, { now: new Date(), projectTimeZone: project?.timezone });
}
