// Task History's search over GET /api/v1/projects/{projectId}/runs?q=: a run id or its event's id (exact, when
// q is a UUID) or part of the user's external id (any case, wildcards literal), always within the project.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/projects/[projectId]/runs/route";
import { db } from "@/lib/db/client";
import { createDeployedWorkflow, createTestUser } from "@/test/engine-factories";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
const invalid = (details: unknown) => error("validation_failed", "The request is not valid", details);
const SCHEDULE_GRAPH = { trigger: { type: "schedule", schedule: { every: "minutes", interval: 5, timezone: "UTC" } }, steps: [], edges: [] };

async function insertRun(o: { projectId: string; workflowId: string; versionId: string; userId?: string; eventId?: string; status?: "succeeded" | "failed"; createdAt: Date }) {
  const run = await db.run.create({
    data: {
      id: randomUUID(),
      projectId: o.projectId,
      workflowId: o.workflowId,
      workflowVersionId: o.versionId,
      connectedUserId: o.userId ?? null,
      eventId: o.eventId ?? null,
      triggerType: o.eventId ? "app_event" : "schedule",
      status: o.status ?? "succeeded",
      input: { type: o.eventId ? "app_event" : "schedule", payload: null },
      createdAt: o.createdAt,
    },
    select: { id: true },
  });
  return run.id;
}

describe("GET /runs?q=", () => {
  const tag = randomUUID().slice(0, 8);
  const eventId = randomUUID();
  const loneEventId = randomUUID();
  let projectId: string;
  let otherProjectId: string;
  let cookie: string;
  let otherCookie: string;
  const runs: Record<string, string> = {};
  let uuidUserExternalId: string;

  beforeAll(async () => {
    const [project, other] = [await createTestProject(), await createTestProject()];
    projectId = project.id;
    otherProjectId = other.id;
    [cookie, otherCookie] = [await sessionCookie(project.ownerId), await sessionCookie(other.ownerId)];
    const workflow = await createDeployedWorkflow({ projectId, graph: SCHEDULE_GRAPH });
    const alice = await createTestUser(projectId, `Alice.Smith@Example.com-${tag}`);
    const percent = await createTestUser(projectId, `bob_50%-${tag}`);
    const lookalike = await createTestUser(projectId, `bobX500-${tag}`);
    const uuidUser = await createTestUser(projectId, randomUUID());
    uuidUserExternalId = uuidUser.externalId;
    const base = Date.now() - 3_600_000;
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const on = { projectId, ...workflow };
    // Oldest first, so each list below reads newest first: the reverse.
    runs.aliceFromEvent = await insertRun({ ...on, userId: alice.id, eventId, createdAt: at(1) });
    runs.aliceFailed = await insertRun({ ...on, userId: alice.id, status: "failed", createdAt: at(2) });
    runs.percent = await insertRun({ ...on, userId: percent.id, createdAt: at(3) });
    runs.lookalike = await insertRun({ ...on, userId: lookalike.id, createdAt: at(4) });
    runs.sameEventNoUser = await insertRun({ ...on, eventId, createdAt: at(5) });
    runs.loneEvent = await insertRun({ ...on, eventId: loneEventId, createdAt: at(6) });
    runs.uuidUser = await insertRun({ ...on, userId: uuidUser.id, createdAt: at(7) });
    // The other project: a user with the same external id, and a run from the same event id. Neither may leak.
    const foreignWorkflow = await createDeployedWorkflow({ projectId: otherProjectId, graph: SCHEDULE_GRAPH });
    const foreignAlice = await createTestUser(otherProjectId, `Alice.Smith@Example.com-${tag}`);
    runs.foreignAlice = await insertRun({ projectId: otherProjectId, ...foreignWorkflow, userId: foreignAlice.id, createdAt: at(1) });
    runs.foreignFromEvent = await insertRun({ projectId: otherProjectId, ...foreignWorkflow, eventId, createdAt: at(2) });
  });

  const list = (query: Record<string, string>, options: { cookie?: string; projectId?: string } = {}) => {
    const project = options.projectId ?? projectId;
    return callRoute(listRoute, {
      params: { projectId: project },
      headers: { cookie: options.cookie ?? cookie },
      path: `/api/v1/projects/${project}/runs?${new URLSearchParams({ limit: "100", ...query })}`,
    });
  };
  const listed = async (query: Record<string, string>, options?: { cookie?: string; projectId?: string }) => {
    const response = await list(query, options);
    expect(response.status).toBe(200);
    return (response.body.runs as { id: string }[]).map((run) => run.id);
  };

  it.each<[string, () => string, string[]]>([
    ["a run id", () => runs.percent, ["percent"]],
    ["a run id in capitals", () => runs.lookalike.toUpperCase(), ["lookalike"]],
    ["an event id: every run it started", () => eventId, ["sameEventNoUser", "aliceFromEvent"]],
    ["another event id", () => loneEventId, ["loneEvent"]],
    ["part of a user's external id, in another case", () => "alice.SMITH@example", ["aliceFailed", "aliceFromEvent"]],
    ["a whole external id", () => `bobX500-${tag}`, ["lookalike"]],
    ["a user's external id that is a UUID", () => uuidUserExternalId, ["uuidUser"]],
    ["% and _ literally, not as wildcards", () => "b_50%", ["percent"]],
    ["% on its own", () => `%-${tag}`, ["percent"]],
    ["the start of a run id (ids match whole)", () => runs.percent.slice(0, 8), []],
    ["an unknown UUID", () => randomUUID(), []],
    ["text no user has", () => `nobody-${tag}`, []],
    ["another project's run id", () => runs.foreignAlice, []],
  ])("q finds %s", async (_label, q, expected) => {
    expect(await listed({ q: q() })).toEqual(expected.map((key) => runs[key]));
  });

  it("narrows with the other filters", async () => {
    expect(await listed({ q: "alice.smith", status: "failed" })).toEqual([runs.aliceFailed]);
  });

  it("takes surrounding spaces off, and blank text as no search", async () => {
    expect(await listed({ q: `  ${runs.percent} ` })).toEqual([runs.percent]);
    expect(await listed({ q: "   " })).toEqual(await listed({}));
  });

  it("never finds another project's runs, whichever project asks", async () => {
    expect(await listed({ q: eventId })).not.toContain(runs.foreignFromEvent);
    expect(await listed({ q: `alice.smith@example.com-${tag}` })).not.toContain(runs.foreignAlice);
    expect(await listed({ q: eventId }, { cookie: otherCookie, projectId: otherProjectId })).toEqual([runs.foreignFromEvent]);
    expect(await listed({ q: "ALICE" }, { cookie: otherCookie, projectId: otherProjectId })).toEqual([runs.foreignAlice]);
    expect(await listed({ q: runs.percent }, { cookie: otherCookie, projectId: otherProjectId })).toEqual([]);
  });

  it("answers 422 for a q over 255 characters", async () => {
    const response = await list({ q: "x".repeat(256) });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: invalid([{ path: "q", message: "Too big: expected string to have <=255 characters" }]),
    });
  });
});
