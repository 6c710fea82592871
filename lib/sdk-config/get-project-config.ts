import "server-only";
import { createPublicKey, type KeyObject } from "node:crypto";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { db } from "@/lib/db/client";
import { listenForConfigChanges } from "./config-changes";

export type TAppEventConfig = { id: string; name: string; validationMode: "off" | "warn" | "reject"; validate: ValidateFunction | null };

export type TProjectConfig = {
  projectId: string;
  eventRateLimitPerMinute: number;
  /** Active keys by id, imported once. */
  activeKeys: Map<string, KeyObject>;
  revokedKeyIds: Set<string>;
  appEventsByName: Map<string, TAppEventConfig>;
};

// Without the listener (it failed to connect, or dropped), entries live this long at most.
const TTL_MS = 30_000;
const cache = new Map<string, { config: TProjectConfig | null; loadedAt: number }>();
// addUsedSchema: false, so two events whose schemas share an $id do not collide in one Ajv instance.
// Derived schemas are draft 2020-12, and they use formats (email, date-time) that only ajv-formats checks.
const ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction | null>();

/**
 * What the SDK endpoints need about a project, cached per process and refreshed when a write announces a
 * change (see config-changes.ts). null when the project does not exist.
 */
export async function getProjectConfig(projectId: string): Promise<TProjectConfig | null> {
  listenForConfigChanges((changed) => cache.delete(changed), () => cache.clear()).catch(() => {});
  const hit = cache.get(projectId);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.config;
  const config = await loadProjectConfig(projectId);
  cache.set(projectId, { config, loadedAt: Date.now() });
  return config;
}

export function forgetProjectConfig(projectId: string): void {
  cache.delete(projectId);
}

async function loadProjectConfig(projectId: string): Promise<TProjectConfig | null> {
  const project = await db.project.findFirst({
    where: { id: projectId },
    select: {
      id: true,
      eventRateLimitPerMinute: true,
      signingKeys: { select: { id: true, publicKeyPem: true, revokedAt: true } },
      appEvents: { select: { id: true, name: true, validationMode: true, jsonSchema: true } },
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

/** Compiled once per distinct schema text, so reloading a project does not compile (or leak) again. */
function compileSchema(schema: unknown): ValidateFunction | null {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) {
    let validate: ValidateFunction | null;
    try {
      validate = ajv.compile(schema as object);
    } catch {
      // Schemas are validated when saved; one that still fails to compile validates nothing.
      validate = null;
    }
    compiled.set(key, validate);
  }
  return compiled.get(key) ?? null;
}
