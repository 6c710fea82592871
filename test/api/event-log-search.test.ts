// The Event Log's search filters over GET /api/v1/projects/{projectId}/events: the name filter (any case, part of
// the name, wildcards taken literally) and the schema-mismatch filter, always within the caller's project.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listEventsRoute, POST as sendEventRoute } from "@/app/api/v1/projects/[projectId]/events/route";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { callRoute, createTestApiKey, createTestProject } from "@/test/factories";

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
const invalid = (details: unknown) => error("validation_failed", "The request is not valid", details);

type TSeed = { name: string; validation?: { mode: "warn" | "reject"; valid: boolean; errors: { path: string; message: string }[] }; source?: string };

/** Events written straight to the table, each tagged so this file's events are told apart from others'. */
async function insertEvents(projectId: string, seeds: TSeed[]): Promise<string[]> {
  const base = Date.now() - 60_000;
  const rows = seeds.map((seed, index) => {
    const id = randomUUID();
    return {
      id,
      projectId,
      name: seed.name,
      payload: {},
      validation: seed.validation,
      source: seed.source ?? "sdk",
      response: { eventId: id, runs: [] },
      receivedAt: new Date(base + index * 1000),
    };
  });
  await db.event.createMany({ data: rows });
  return rows.map((row) => row.id);
}

const MISMATCH = { mode: "warn" as const, valid: false, errors: [{ path: "/", message: "must have property “email”" }] };
const MATCH = { mode: "warn" as const, valid: true, errors: [] };

describe("GET /events search filters", () => {
  const tag = randomUUID().slice(0, 8);
  let projectId: string;
  let otherProjectId: string;
  let apiKey: string;
  let otherApiKey: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const [project, other] = [await createTestProject(), await createTestProject()];
    projectId = project.id;
    otherProjectId = other.id;
    apiKey = (await createTestApiKey(projectId)).key;
    otherApiKey = (await createTestApiKey(otherProjectId)).key;
    const names = {
      dealCreated: `Deal Created ${tag}`,
      dealClosed: `deal closed ${tag}`,
      contact: `Contact Created ${tag}`,
      fiveHundred: `500 errors ${tag}`,
      fiftyPercent: `50% off ${tag}`,
      underscore: `under_score ${tag}`,
      notUnderscore: `underXscore ${tag}`,
      backslash: `back\\slash ${tag}`,
      notBackslash: `backslash ${tag}`,
    };
    const seeded = await insertEvents(projectId, [
      { name: names.dealCreated, validation: MISMATCH },
      { name: names.dealClosed, validation: MATCH },
      { name: names.contact },
      { name: names.fiveHundred },
      { name: names.fiftyPercent },
      { name: names.underscore },
      { name: names.notUnderscore },
      { name: names.backslash },
      { name: names.notBackslash },
    ]);
    Object.keys(names).forEach((key, index) => (ids[key] = seeded[index]));
    // The other project has the same names, and a mismatch of its own: none of them may leak.
    [ids.foreignDeal, ids.foreignMismatch] = await insertEvents(otherProjectId, [
      { name: names.dealCreated },
      { name: `Deal Updated ${tag}`, validation: MISMATCH },
    ]);
  });

  const list = (query: Record<string, string>, key = apiKey, project = projectId) =>
    callRoute(listEventsRoute, {
      params: { projectId: project },
      path: `/api/v1/projects/${project}/events?${new URLSearchParams({ limit: "100", ...query })}`,
      headers: { authorization: `Bearer ${key}` },
    });
  /** The ids listed, newest first, of this file's events only (the tag keeps other tests' events out). */
  const listed = async (query: Record<string, string>, key?: string, project?: string) => {
    const response = await list(query, key, project);
    expect(response.status).toBe(200);
    return (response.body.events as { id: string; name: string }[]).filter((event) => event.name.endsWith(tag)).map((event) => event.id);
  };

  it.each<[string, string, string[]]>([
    ["a lower-case part of the name", "deal", ["dealClosed", "dealCreated"]],
    ["another case than stored", "DEAL CREATED", ["dealCreated"]],
    ["the middle of a name", "al Clo", ["dealClosed"]],
    ["the whole name", "Contact Created", ["contact"]],
    ["% literally, not as any run of characters", "50%", ["fiftyPercent"]],
    ["% on its own", "%", ["fiftyPercent"]],
    ["_ literally, not as any one character", "under_score", ["underscore"]],
    ["\\ literally, not as an escape", "back\\slash", ["backslash"]],
    ["\\ before a wildcard literally", "\\%", []],
    ["a name no event has", "Invoice Paid", []],
  ])("name matches %s", async (_label, name, expected) => {
    expect(await listed({ name })).toEqual(expected.map((key) => ids[key]));
  });

  it("treats an empty name as no filter", async () => {
    const all = await listed({});
    expect(all).toHaveLength(9);
    expect(await listed({ name: "" })).toEqual(all);
  });

  it("never lists another project's events, whichever project asks", async () => {
    expect(await listed({ name: "deal" })).not.toContain(ids.foreignDeal);
    expect(await listed({ name: "deal" }, otherApiKey, otherProjectId)).toEqual([ids.foreignMismatch, ids.foreignDeal]);
    expect(await listed({ schemaMismatch: "true" }, otherApiKey, otherProjectId)).toEqual([ids.foreignMismatch]);
  });

  it("schemaMismatch=true keeps only payloads that did not match their schema: not matches, not unchecked events", async () => {
    expect(await listed({ schemaMismatch: "true" })).toEqual([ids.dealCreated]);
    expect(await listed({ schemaMismatch: "true", name: "closed" })).toEqual([]);
  });

  it("schemaMismatch=true finds what the send path recorded for a warn-mode App Event", async () => {
    const name = `Warned ${tag}`;
    await db.appEvent.create({
      data: { projectId, name, example: {}, jsonSchema: { type: "object", required: ["email"] }, validationMode: "warn" },
    });
    forgetProjectConfig(projectId);
    const send = (payload: object) =>
      callRoute(sendEventRoute, { method: "POST", params: { projectId }, headers: { authorization: `Bearer ${apiKey}` }, body: { name, payload, userId: "u" } });
    const bad = await send({ name: "Brandon" });
    const good = await send({ email: "brandon@example.com" });
    expect([bad.status, good.status]).toEqual([201, 201]);
    expect((await listed({ name: "warned" })).sort()).toEqual([good.body.eventId, bad.body.eventId].sort());
    expect(await listed({ name: "warned", schemaMismatch: "true" })).toEqual([bad.body.eventId]);
  });

  it.each([
    ["schemaMismatch other than true", { schemaMismatch: "false" }, [{ path: "schemaMismatch", message: "Invalid input: expected \"true\"" }]],
    ["schemaMismatch yes", { schemaMismatch: "yes" }, [{ path: "schemaMismatch", message: "Invalid input: expected \"true\"" }]],
    ["a name over 200 characters", { name: "x".repeat(201) }, [{ path: "name", message: "Too big: expected string to have <=200 characters" }]],
  ])("answers 422 for %s", async (_label, query, details) => {
    const response = await list(query);
    expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: invalid(details) });
  });
});
