// The editor's check of a payload against an App Event's schema (findExampleMismatches, which the browser and
// the API run) and ingestion's (the SDK trigger route, in "reject" mode) use one Ajv configuration, so they
// agree on every payload, formats included. Before, the editor ignored formats and ingestion checked them.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createAppEvent } from "@/lib/app-events/create-app-event";
import { deriveJsonSchema, findExampleMismatches } from "@/lib/app-events/derive-json-schema";
import type { TJsonObject } from "@/lib/schemas/app-event";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { createSdkProject, trigger } from "@/test/sdk/sdk-helpers";

let world: Awaited<ReturnType<typeof createSdkProject>>;
beforeAll(async () => {
  world = await createSdkProject();
});

/** An App Event in "reject" mode with this schema (or the one derived from the example), saved as the API saves it. */
async function rejectingAppEvent(example: TJsonObject, jsonSchema?: TJsonObject) {
  const appEvent = await createAppEvent({ projectId: world.project.id, name: `Formats ${randomUUID().slice(0, 8)}`, example, jsonSchema, validationMode: "reject" });
  forgetProjectConfig(world.project.id);
  return appEvent;
}

/** Whether each side accepts the payload: the editor's check, and ingestion's answer (201 or 422). */
async function verdicts(appEvent: { name: string; jsonSchema: TJsonObject }, payload: TJsonObject) {
  const response = await trigger(world.project.id, { token: await world.token({ sub: "formats" }), body: { name: appEvent.name, payload } });
  expect([201, 422]).toContain(response.status);
  return { editor: findExampleMismatches(appEvent.jsonSchema, payload).length === 0, ingestion: response.status === 201 };
}

const FORMATS_SCHEMA: TJsonObject = {
  type: "object",
  properties: {
    email: { type: "string", format: "email" },
    at: { type: "string", format: "date-time" },
    site: { type: "string", format: "uri" },
    id: { type: "string", format: "uuid" },
  },
};

describe("the editor and ingestion on a format-bearing schema", () => {
  it.each([
    ["a valid email", { email: "brandon@example.com" }, true],
    ["an invalid email", { email: "not-an-email" }, false],
    ["an email without a dotted domain", { email: "brandon@localhost" }, false],
    ["a valid date-time", { at: "2024-05-01T09:30:00Z" }, true],
    ["a date-time without a zone", { at: "2024-05-01T09:30:00" }, false],
    ["an impossible day", { at: "2023-02-29T09:30:00Z" }, false],
    ["a valid uri", { site: "https://example.com/a?b=c" }, true],
    ["a relative reference where a uri is required", { site: "/a/b" }, false],
    ["a valid uuid", { id: "3f1c2a4e-8b9d-4c3e-9f2a-1b2c3d4e5f60" }, true],
    ["an invalid uuid", { id: "3f1c2a4e" }, false],
  ])("agree on %s", async (_label, payload, valid) => {
    const appEvent = await rejectingAppEvent({}, FORMATS_SCHEMA);
    expect(await verdicts(appEvent, payload)).toEqual({ editor: valid, ingestion: valid });
  });

  it("ingestion accepts the example a derived schema was made from, and both refuse a payload breaking its formats", async () => {
    // A leap second that is not at 23:59 UTC: the editor's own date-time check used to claim the format for
    // it, and ingestion then refused the very example the schema came from.
    const example = { email: "brandon@example.com", at: "2024-05-01T23:59:60+02:00", leap: "2017-01-01T01:59:60.5+02:00" };
    const appEvent = await rejectingAppEvent(example);
    expect(appEvent.jsonSchema).toEqual(deriveJsonSchema(example));
    expect(appEvent.jsonSchema.properties).toMatchObject({ at: { type: "string" }, leap: { type: "string", format: "date-time" } });
    expect(appEvent.jsonSchema.properties).not.toHaveProperty("at.format");
    expect(await verdicts(appEvent, example)).toEqual({ editor: true, ingestion: true });
    expect(await verdicts(appEvent, { ...example, email: "brandon", leap: "2017-01-01" })).toEqual({ editor: false, ingestion: false });
  });
});
