import "server-only";
import type { ValidateFunction } from "ajv/dist/2020";
import { LRUCache } from "lru-cache";
import { sql } from "@/lib/db/sql";
import { loadVersionGraph } from "@/lib/runs/load-run-state";
import { REQUEST_PARTS, REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS, type TRequestPart } from "@/lib/schemas/workflow";
import { compileRequestSchema } from "@/lib/workflows/request-trigger-schemas";

/** What a call to a deployed version of a request-trigger workflow needs of it. */
export type TRequestTriggerConfig = {
  timeoutMs: number;
  /** Whether the graph has a Response step: without one the call is answered 202 as soon as its run is committed. */
  answers: boolean;
  validators: Partial<Record<TRequestPart, ValidateFunction>>;
};

// Versions never change: each is read, and its schemas compiled, once per process. Keyed by project and version,
// as loadVersionGraph's own cache is, so a version id can only ever find its own project's config.
const configs = new LRUCache<string, TRequestTriggerConfig>({ max: 1_000 });

/** The request trigger of version `versionId` of a project's workflow; null when that version has another trigger. */
export async function requestTriggerConfig(projectId: string, versionId: string): Promise<TRequestTriggerConfig | null> {
  const key = `${projectId}/${versionId}`;
  const cached = configs.get(key);
  if (cached) return cached;
  const graph = await loadVersionGraph(sql, projectId, versionId);
  const { trigger } = graph;
  if (trigger.type !== "request") return null;
  const validators: TRequestTriggerConfig["validators"] = {};
  for (const part of REQUEST_PARTS) {
    const schema = trigger[`${part}Schema`];
    if (!schema) continue;
    try {
      validators[part] = compileRequestSchema(schema);
    } catch (error) {
      // Deploy compiled it with the same Ajv; one that still fails (a newer Ajv's stricter rules) checks nothing.
      console.error(`[switchyard] the ${part} schema of workflow version ${versionId} does not compile and checks nothing: ${(error as Error).message}`);
    }
  }
  const config: TRequestTriggerConfig = {
    timeoutMs: (trigger.timeoutSeconds ?? REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS) * 1000,
    answers: graph.steps.some((step) => step.type === "response"),
    validators,
  };
  configs.set(key, config);
  return config;
}
