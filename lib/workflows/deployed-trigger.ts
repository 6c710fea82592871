// The columns through which dispatch finds a deployed workflow's listeners (lib/runs/dispatch-trigger.ts):
// written by deploy and cleared by undeploy, one place for every trigger type. Without "server-only", so
// the seed factories of tests and benchmarks write them the same way.
import type { TTrigger } from "@/lib/schemas/workflow";

export type TDeployedTriggerColumns = { triggerType: TTrigger["type"] | null; triggerAppEventId: string | null; triggerKey: string | null };

/** What `trigger`, deployed on workflow `workflowId`, listens to: an App Event by its id; a schedule, a webhook or a request by the workflow's own id. */
export function deployedTriggerColumns(workflowId: string, trigger: TTrigger): TDeployedTriggerColumns {
  if (trigger.type === "app_event") return { triggerType: "app_event", triggerAppEventId: trigger.appEventId, triggerKey: trigger.appEventId };
  return { triggerType: trigger.type, triggerAppEventId: null, triggerKey: workflowId };
}

export const UNDEPLOYED_TRIGGER_COLUMNS: TDeployedTriggerColumns = { triggerType: null, triggerAppEventId: null, triggerKey: null };
