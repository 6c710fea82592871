import "server-only";
import { createPublicKey, type KeyObject } from "node:crypto";
import type { ValidateFunction } from "ajv/dist/2020";
import { LRUCache } from "lru-cache";
import { compileDetached, createSchemaAjv } from "@/lib/app-events/schema-ajv";
import { integerFromEnv } from "@/lib/config/integer-from-env";
import { db } from "@/lib/db/client";
import { listenForConfigChanges } from "./config-changes";
import { readWebhookEndpointConfig, type TWebhookEndpointConfig, webhookEndpointConfigSelect } from "./webhook-endpoint-config";

export type TAppEventConfig = { id: string; name: string; validationMode: "off" | "warn" | "reject"; validate: ValidateFunction | null };

export type TProjectConfig = {
  projectId: string;
  eventRateLimitPerMinute: number;
  /** Active keys by id, imported once. */
  activeKeys: Map<string, KeyObject>;
  revokedKeyIds: Set<string>;
  appEventsByName: Map<string, TAppEventConfig>;
  /** Webhook endpoints by id, their secrets opened once. */
  webhookEndpoints: Map<string, TWebhookEndpointConfig>;
};

// Every bound is a count of entries, least recently used out first, so no input (a flood of made-up project
// ids, many projects, many schemas) grows a web process's memory without limit.
const PROJECTS_CACHED = integerFromEnv("SDK_CONFIG_CACHE_SIZE", 1_000);
const UNKNOWN_PROJECTS_CACHED = integerFromEnv("SDK_CONFIG_UNKNOWN_CACHE_SIZE", 1_000);
const VALIDATORS_CACHED = integerFromEnv("SDK_SCHEMA_CACHE_SIZE", 1_000);

// Without the listener (it failed to connect, or dropped), a project's config lives this long at most.
const PROJECT_TTL_MS = 30_000;
// A project created meanwhile is found this soon; until then its id answers 404.
const UNKNOWN_PROJECT_TTL_MS = 5_000;

const projects = new LRUCache<string, TProjectConfig>({ max: PROJECTS_CACHED, ttl: PROJECT_TTL_MS });
// Apart from the projects, so that requests for ids no project has cannot push real projects out.
const unknownProjects = new LRUCache<string, true>({ max: UNKNOWN_PROJECTS_CACHED, ttl: UNKNOWN_PROJECT_TTL_MS });
// Keyed by the schema's text, so reloading a project does not compile again.
const validators = new LRUCache<string, ValidateFunction>({ max: VALIDATORS_CACHED });
const ajv = createSchemaAjv();

// Bumped by every change announcement: a load that started before one may have read the old config, and is
// not cached.
let generation = 0;

/**
 * What the SDK endpoints need about a project, cached per process and refreshed when a write announces a
 * change (see config-changes.ts). null when the project does not exist.
 */
export async function getProjectConfig(projectId: string): Promise<TProjectConfig | null> {
  listenForConfigChanges(forgetProjectConfig, forgetAllProjectConfigs).catch(() => {});
  const cached = projects.get(projectId);
  if (cached) return cached;
  if (unknownProjects.get(projectId)) return null;
  const loadedIn = generation;
  const config = await loadProjectConfig(projectId);
  if (loadedIn === generation) {
    if (config) projects.set(projectId, config);
    else unknownProjects.set(projectId, true);
  }
  return config;
}

export function forgetProjectConfig(projectId: string): void {
  generation += 1;
  projects.delete(projectId);
  unknownProjects.delete(projectId);
}

function forgetAllProjectConfigs(): void {
  generation += 1;
  projects.clear();
  unknownProjects.clear();
}

/** How many entries each cache holds, and its bound (for tests and diagnostics). */
export function projectConfigCacheStats() {
  return {
    projects: { size: projects.size, max: PROJECTS_CACHED },
    unknownProjects: { size: unknownProjects.size, max: UNKNOWN_PROJECTS_CACHED },
    validators: { size: validators.size, max: VALIDATORS_CACHED },
  };
}

async function loadProjectConfig(projectId: string): Promise<TProjectConfig | null> {
  const project = await db.project.findFirst({
    where: { id: projectId },
    select: {
      id: true,
      eventRateLimitPerMinute: true,
      signingKeys: { select: { id: true, publicKeyPem: true, revokedAt: true } },
      appEvents: { select: { id: true, name: true, validationMode: true, jsonSchema: true } },
      webhookEndpoints: { select: webhookEndpointConfigSelect },
    },
  });
  if (!project) return null;
  return {
    projectId: project.id,
    eventRateLimitPerMinute: project.eventRateLimitPerMinute,
    activeKeys: new Map(project.signingKeys.filter((key) => !key.revokedAt).flatMap((key) => importKey(key.id, key.publicKeyPem))),
    revokedKeyIds: new Set(project.signingKeys.filter((key) => key.revokedAt).map((key) => key.id)),
    appEventsByName: new Map(
      project.appEvents.map((event) => [
        event.name,
        {
          id: event.id,
          name: event.name,
          validationMode: event.validationMode,
          validate: event.validationMode === "off" ? null : compileSchema(event.jsonSchema),
        },
      ]),
    ),
    webhookEndpoints: new Map(project.webhookEndpoints.flatMap((endpoint) => readWebhookEndpointConfig(endpoint))),
  };
}

/** Keys were checked when stored; one that still does not import is skipped so the others keep working. */
function importKey(id: string, pem: string): [string, KeyObject][] {
  try {
    return [[id, createPublicKey(pem)]];
  } catch (error) {
    console.error(`[switchyard] signing key ${id} does not import and is ignored: ${(error as Error).message}`);
    return [];
  }
}

function compileSchema(schema: unknown): ValidateFunction | null {
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) return cached;
  try {
    const validate = compileDetached(ajv, schema as object);
    validators.set(key, validate);
    return validate;
  } catch (error) {
    // Schemas are checked with the same Ajv when saved; one saved before a check it fails validates nothing.
    console.error(`[switchyard] an App Event's JSON Schema does not compile and validates nothing: ${(error as Error).message}`);
    return null;
  }
}
