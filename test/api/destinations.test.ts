import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listDestinations, POST as createDestination } from "@/app/api/v1/projects/[projectId]/destinations/route";
import { DELETE as deleteDestination, PATCH as updateDestination } from "@/app/api/v1/projects/[projectId]/destinations/[destinationId]/route";
import { POST as testDestination } from "@/app/api/v1/projects/[projectId]/destinations/[destinationId]/test/route";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { addMember } from "@/test/api-helpers";
import { createViaApi as create, setAllowHosts, setupProject as setup, startStub } from "@/test/destination-helpers";
import { callRoute, createTestApiKey, createTestProject, sessionCookie } from "@/test/factories";

vi.mock("node:dns/promises", async (importOriginal) => (await import("@/test/fake-dns")).fakeDnsModule(await importOriginal()));

const DESTINATION_KEYS = ["consecutiveFailures", "createdAt", "disabledAt", "enabled", "id", "lastDeliveryAt", "lastStatus", "name", "url"];

let restoreAllowHosts: () => void;
beforeAll(() => {
  restoreAllowHosts = setAllowHosts("127.0.0.1");
});
afterAll(() => restoreAllowHosts());

describe("notification destinations", () => {
  it("creates a destination whose secret is shown once and stored sealed", async () => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: "Pager",
      url: "https://hooks.example.com/switchyard",
      enabled: true,
      consecutiveFailures: 0,
      disabledAt: null,
      lastDeliveryAt: null,
      lastStatus: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });

    const stored = await db.notificationDestination.findFirstOrThrow({ where: { id: created.body.id, projectId: project.id } });
    expect(stored.encryptedSecret).not.toContain(created.body.secret);
    expect(stored.encryptedSecret).not.toContain(created.body.secret.slice("whsec_".length));
    expect(openSecret(stored.encryptedSecret)).toBe(created.body.secret);

    const listed = await callRoute(listDestinations, { params, headers: { cookie } });
    expect(listed.status).toBe(200);
    const { secret: _secret, ...publicPart } = created.body;
    expect(listed.body).toEqual({ destinations: [publicPart] });
    expect(Object.keys(listed.body.destinations[0]).sort()).toEqual(DESTINATION_KEYS);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  });

  it("gives every destination its own secret", async () => {
    const { project, cookie } = await setup();
    const first = await create(project.id, cookie);
    const second = await create(project.id, cookie);
    expect(first.body.secret).not.toBe(second.body.secret);
  });

  it("renames and re-points a destination, then deletes it", async () => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie);
    const destinationParams = { ...params, destinationId: created.body.id };
    const updated = await callRoute(updateDestination, {
      params: destinationParams, headers: { cookie }, method: "PATCH",
      body: { name: "  On-call  ", url: "http://alerts.example.org/in" },
    });
    const { secret: _secret, ...publicPart } = created.body;
    expect({ status: updated.status, body: updated.body }).toEqual({
      status: 200,
      body: { ...publicPart, name: "On-call", url: "http://alerts.example.org/in" },
    });
    expect((await callRoute(listDestinations, { params, headers: { cookie } })).body).toEqual({ destinations: [updated.body] });

    const deleted = await callRoute(deleteDestination, { params: destinationParams, headers: { cookie }, method: "DELETE" });
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: null });
    expect(await db.notificationDestination.count({ where: { id: created.body.id } })).toBe(0);

    const again = await callRoute(deleteDestination, { params: destinationParams, headers: { cookie }, method: "DELETE" });
    expect({ status: again.status, body: again.body }).toEqual({ status: 404, body: { error: { code: "not_found", message: "Destination not found" } } });
  });

  it("re-enabling a switched-off destination resets its failure count; pausing by hand does not mark it switched off", async () => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie);
    const destinationParams = { ...params, destinationId: created.body.id };
    const disabledAt = new Date("2030-01-02T03:04:05.000Z");
    await db.notificationDestination.updateMany({
      where: { id: created.body.id, projectId: project.id },
      data: { enabled: false, consecutiveFailures: 20, disabledAt, lastStatus: 503, lastDeliveryAt: disabledAt },
    });
    const listed = await callRoute(listDestinations, { params, headers: { cookie } });
    expect(listed.body.destinations[0]).toMatchObject({ enabled: false, consecutiveFailures: 20, disabledAt: disabledAt.toISOString() });

    const reEnabled = await callRoute(updateDestination, { params: destinationParams, headers: { cookie }, method: "PATCH", body: { enabled: true } });
    expect(reEnabled.status).toBe(200);
    expect(reEnabled.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null, lastStatus: 503, lastDeliveryAt: disabledAt.toISOString() });
    expect(await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({
      enabled: true, consecutiveFailures: 0, disabledAt: null,
    });

    // `enabled: true` on a destination that is on is not a re-enable: the count building up stays.
    await db.notificationDestination.updateMany({ where: { id: created.body.id, projectId: project.id }, data: { consecutiveFailures: 5 } });
    const renamed = await callRoute(updateDestination, { params: destinationParams, headers: { cookie }, method: "PATCH", body: { name: "Renamed", enabled: true } });
    expect(renamed.body).toMatchObject({ name: "Renamed", enabled: true, consecutiveFailures: 5 });

    const paused = await callRoute(updateDestination, { params: destinationParams, headers: { cookie }, method: "PATCH", body: { enabled: false } });
    expect(paused.body).toMatchObject({ enabled: false, disabledAt: null, consecutiveFailures: 5 });
  });

  it("sends a signed test event to the destination, answers with what happened and records it as the last delivery", async () => {
    const stub = await startStub(204);
    try {
      const { project, cookie, params } = await setup();
      const created = await create(project.id, cookie, { name: "Local", url: stub.url });
      const before = Math.floor(Date.now() / 1000);
      const sent = await callRoute(testDestination, { params: { ...params, destinationId: created.body.id }, headers: { cookie }, method: "POST" });
      const after = Math.floor(Date.now() / 1000);
      const { secret: _secret, ...publicPart } = created.body;
      expect({ status: sent.status, body: sent.body }).toEqual({
        status: 200,
        body: {
          outcome: "answered",
          status: 204,
          reason: null,
          message: `127.0.0.1:${stub.port} answered HTTP 204`,
          destination: { ...publicPart, lastStatus: 204, lastDeliveryAt: expect.any(String) },
        },
      });
      const recordedAt = Date.parse(sent.body.destination.lastDeliveryAt) / 1000;
      expect(recordedAt).toBeGreaterThanOrEqual(before);
      expect(recordedAt).toBeLessThanOrEqual(after + 1);

      expect(stub.received).toHaveLength(1);
      const [delivery] = stub.received;
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.headers["user-agent"]).toBe("Switchyard");
      expect(JSON.parse(delivery.body)).toEqual({
        type: "test",
        projectId: project.id,
        destination: { id: created.body.id, name: "Local" },
        sentAt: expect.any(String),
      });
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery.headers["switchyard-signature"]));
      expect(match).not.toBeNull();
      const [, timestamp, signature] = match as RegExpExecArray;
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(timestamp)).toBeLessThanOrEqual(after);
      expect(signature).toBe(createHmac("sha256", created.body.secret).update(`${timestamp}.${delivery.body}`).digest("hex"));

      // The list the card reloads from says the same.
      const listed = await callRoute(listDestinations, { params, headers: { cookie } });
      expect(listed.body).toEqual({ destinations: [sent.body.destination] });
      const row = await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } });
      expect(row).toMatchObject({ consecutiveFailures: 0, lastStatus: 204, lastDeliveryAt: new Date(sent.body.destination.lastDeliveryAt) });
    } finally {
      await stub.close();
    }
  });

  it("refuses writes with an API key, which may still list and test", async () => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie, { name: "Keyed", url: "http://127.0.0.1:9/none" });
    const apiKey = await createTestApiKey(project.id);
    const auth = { authorization: `Bearer ${apiKey.key}` };
    const destinationParams = { ...params, destinationId: created.body.id };
    const forbidden = { error: { code: "forbidden", message: "API keys cannot do this; sign in to the dashboard as a builder" } };
    const writes = [
      await callRoute(createDestination, { params, headers: auth, body: { name: "x", url: "https://example.com" } }),
      await callRoute(updateDestination, { params: destinationParams, headers: auth, method: "PATCH", body: { enabled: false } }),
      await callRoute(deleteDestination, { params: destinationParams, headers: auth, method: "DELETE" }),
    ];
    for (const response of writes) expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: forbidden });
    expect(await db.notificationDestination.findMany({ where: { projectId: project.id }, select: { id: true, enabled: true } })).toEqual([
      { id: created.body.id, enabled: true },
    ]);

    const listed = await callRoute(listDestinations, { params, headers: auth });
    expect(listed.status).toBe(200);
    expect(listed.body.destinations.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
    const tested = await callRoute(testDestination, { params: destinationParams, headers: auth, method: "POST" });
    expect({ status: tested.status, body: tested.body }).toMatchObject({ status: 200, body: { outcome: "connection_refused", status: 0 } });
  });

  it("lets a member manage destinations", async () => {
    const { project } = await setup();
    const member = await addMember(project.id);
    const created = await create(project.id, member.cookie);
    expect(created.status).toBe(201);
  });

  it("answers 404 to another tenant and changes nothing", async () => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie);
    const stranger = await createTestProject();
    const strangerCookie = await sessionCookie(stranger.ownerId);
    const destinationParams = { ...params, destinationId: created.body.id };
    const projectNotFound = { error: { code: "not_found", message: "Project not found" } };
    const answers = [
      await callRoute(listDestinations, { params, headers: { cookie: strangerCookie } }),
      await callRoute(createDestination, { params, headers: { cookie: strangerCookie }, body: { name: "x", url: "https://example.com" } }),
      await callRoute(updateDestination, { params: destinationParams, headers: { cookie: strangerCookie }, method: "PATCH", body: { name: "stolen" } }),
      await callRoute(deleteDestination, { params: destinationParams, headers: { cookie: strangerCookie }, method: "DELETE" }),
      await callRoute(testDestination, { params: destinationParams, headers: { cookie: strangerCookie }, method: "POST" }),
    ];
    for (const response of answers) expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: projectNotFound });

    // The stranger's own project does not reach this destination either.
    const strangerParams = { projectId: stranger.id, destinationId: created.body.id };
    const destinationNotFound = { error: { code: "not_found", message: "Destination not found" } };
    const viaOwnProject = [
      await callRoute(updateDestination, { params: strangerParams, headers: { cookie: strangerCookie }, method: "PATCH", body: { name: "stolen" } }),
      await callRoute(deleteDestination, { params: strangerParams, headers: { cookie: strangerCookie }, method: "DELETE" }),
      await callRoute(testDestination, { params: strangerParams, headers: { cookie: strangerCookie }, method: "POST" }),
    ];
    for (const response of viaOwnProject) expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: destinationNotFound });
    expect((await callRoute(listDestinations, { params: { projectId: stranger.id }, headers: { cookie: strangerCookie } })).body).toEqual({ destinations: [] });

    const row = await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ projectId: project.id, name: "Pager" });
  });

  it("answers 404 to a destination id that is not a UUID", async () => {
    const { cookie, params } = await setup();
    const response = await callRoute(updateDestination, { params: { ...params, destinationId: "nope" }, headers: { cookie }, method: "PATCH", body: { name: "x" } });
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: { error: { code: "not_found", message: "Not found" } } });
  });

  const invalid = (path: string, message: string) => ({
    error: { code: "validation_failed", message: "The request is not valid", details: [{ path, message }] },
  });

  it.each([
    ["an ftp URL", { name: "x", url: "ftp://example.com/in" }, invalid("url", "Enter an http:// or https:// URL")],
    ["a javascript: URL", { name: "x", url: "javascript:alert(1)" }, invalid("url", "Enter an http:// or https:// URL")],
    ["text that is no URL", { name: "x", url: "hooks.example.com" }, invalid("url", "Enter an http:// or https:// URL")],
    ["no URL", { name: "x" }, invalid("url", "Enter an http:// or https:// URL")],
    ["a URL too long", { name: "x", url: `https://example.com/${"a".repeat(2000)}` }, invalid("url", "Use at most 2,000 characters")],
    ["a blank name", { name: "  ", url: "https://example.com" }, invalid("name", "Enter a name")],
  ])("refuses to create a destination with %s (422)", async (_case, body, expected) => {
    const { project, cookie } = await setup();
    const response = await create(project.id, cookie, body);
    expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: expected });
    expect(await db.notificationDestination.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses to re-point a destination at an invalid URL (422) and keeps the old one", async () => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie);
    const destinationParams = { ...params, destinationId: created.body.id };
    const cases: [unknown, unknown][] = [
      [{ url: "file:///etc/passwd" }, invalid("url", "Enter an http:// or https:// URL")],
      [{ enabled: "yes" }, invalid("enabled", "Invalid input: expected boolean, received string")],
    ];
    for (const [body, expected] of cases) {
      const response = await callRoute(updateDestination, { params: destinationParams, headers: { cookie }, method: "PATCH", body });
      expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: expected });
    }
    expect((await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } })).url).toBe("https://hooks.example.com/switchyard");
  });
});
