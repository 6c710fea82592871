// The per-process caches behind the SDK endpoints are bounded: project ids no project has (anyone may send
// them), projects, and compiled schemas each stay within their LRU's bound, measured by the caches' sizes.
// An unknown id is remembered for a few seconds only, so a project created meanwhile is found.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { triggerEvent } from "@/lib/events/trigger-event-route";
import { getProjectConfig, projectConfigCacheStats } from "@/lib/sdk-config/get-project-config";
import { createSdkProject, trigger } from "./sdk-helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The trigger route's own handler, called as the production fast path calls it. */
const triggerUnknownProject = (projectId: string) =>
  triggerEvent({
    params: { projectId },
    header: () => null,
    json: async () => ({ name: "Contact Created", payload: {} }),
    method: "POST",
    url: `/projects/${projectId}/sdk/events/trigger`,
    rawBody: async () => Buffer.from(JSON.stringify({ name: "Contact Created", payload: {} })),
    headerEntries: () => [],
  });

describe("the SDK config cache", () => {
  it("stays within its bound after 20,000 triggers for random project ids, and still serves a real project", { timeout: 120_000 }, async () => {
    const world = await createSdkProject();
    expect((await trigger(world.project.id, { token: await world.token() })).status).toBe(201);
    const statuses = new Set<number>();
    for (let sent = 0; sent < 20_000; sent += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => triggerUnknownProject(randomUUID())));
      for (const answer of answers) statuses.add(answer.status);
    }
    expect([...statuses]).toEqual([404]);
    const { unknownProjects, projects } = projectConfigCacheStats();
    // Full, so the bound was reached and held, not merely never approached.
    expect(unknownProjects.size).toBe(unknownProjects.max);
    expect(projects.size).toBeLessThanOrEqual(projects.max);
    expect((await trigger(world.project.id, { token: await world.token() })).status).toBe(201);
  });

  it("finds a project created after its id was looked up, once the short miss entry expired", async () => {
    const id = randomUUID();
    expect(await getProjectConfig(id)).toBeNull();
    await db.project.create({ data: { id, name: "Created meanwhile" } });
    // Remembered as unknown: no query per request for an id that keeps coming.
    expect(await getProjectConfig(id)).toBeNull();
    // The miss entry lives 5 s, a found project's 30 s.
    await sleep(5_200);
    expect(await getProjectConfig(id)).toMatchObject({ projectId: id });
  });

  it("keeps compiled schemas within their bound when one project has more distinct schemas than it", async () => {
    const { project } = await createSdkProject();
    const { max } = projectConfigCacheStats().validators;
    await db.appEvent.createMany({
      data: Array.from({ length: max + 100 }, (_, i) => ({
        projectId: project.id,
        name: `Event ${i}`,
        example: {},
        jsonSchema: { type: "object", properties: { [`field${i}`]: { type: "integer" } } },
        validationMode: "reject" as const,
      })),
    });
    const config = await getProjectConfig(project.id);
    expect(config?.appEventsByName.get(`Event ${max + 99}`)?.validate?.({ [`field${max + 99}`]: "x" })).toBe(false);
    expect(projectConfigCacheStats().validators.size).toBe(max);
  });
});
