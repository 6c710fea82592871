// "Send test" answers with what became of the test (an HTTP status, or why there was none) and records it
// as the destination's last delivery; the failure count and the switched-off state are real deliveries' alone.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as testDestination } from "@/app/api/v1/projects/[projectId]/destinations/[destinationId]/test/route";
import { db } from "@/lib/db/client";
import { createViaApi as create, setAllowHosts, setupProject as setup, startStub } from "@/test/destination-helpers";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";
import { dnsAnswers, PUBLIC_ADDRESS, resetDns } from "@/test/fake-dns";

vi.mock("node:dns/promises", async (importOriginal) => (await import("@/test/fake-dns")).fakeDnsModule(await importOriginal()));

let restoreAllowHosts: () => void;
beforeAll(() => {
  restoreAllowHosts = setAllowHosts("127.0.0.1");
});
afterAll(() => restoreAllowHosts());
afterEach(() => {
  process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
  resetDns();
  vi.useRealTimers();
});

/** Adds a destination at `url` through the API (so the save-time guard passes it), then sends it a test. */
async function addDestination(url: string) {
  const { project, cookie, params } = await setup();
  const created = await create(project.id, cookie, { name: "Probe", url });
  expect(created.status).toBe(201);
  const destinationParams = { ...params, destinationId: created.body.id as string };
  const sendTest = () => callRoute(testDestination, { params: destinationParams, headers: { cookie }, method: "POST" });
  return { project, created, sendTest };
}

/** The answer to a test, and the row as it is afterwards: last delivery recorded, nothing else changed. */
async function expectTestResult(
  sent: { status: number; body: any },
  destinationId: string,
  expected: { outcome: string; status: number; reason?: string; message: string },
) {
  const { reason = null, ...rest } = expected;
  expect({ status: sent.status, body: sent.body }).toEqual({
    status: 200,
    body: {
      ...rest,
      reason,
      destination: expect.objectContaining({ id: destinationId, lastStatus: expected.status, lastDeliveryAt: expect.any(String) }),
    },
  });
  const row = await db.notificationDestination.findUniqueOrThrow({ where: { id: destinationId } });
  expect(row).toMatchObject({ lastStatus: expected.status, lastDeliveryAt: new Date(sent.body.destination.lastDeliveryAt), consecutiveFailures: 0, enabled: true });
}

describe("a test delivery", () => {
  it.each([200, 204, 301, 404, 500, 503])("reports HTTP %i as answered, with that status", async (status) => {
    const stub = await startStub(status);
    try {
      const { created, sendTest } = await addDestination(stub.url);
      await expectTestResult(await sendTest(), created.body.id, { outcome: "answered", status, message: `127.0.0.1:${stub.port} answered HTTP ${status}` });
      expect(stub.received).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it("reports a closed port as connection refused", async () => {
    const stub = await startStub(200);
    await stub.close();
    const { created, sendTest } = await addDestination(stub.url);
    await expectTestResult(await sendTest(), created.body.id, {
      outcome: "connection_refused", status: 0, message: `127.0.0.1:${stub.port} refused the connection`,
    });
  });

  it("reports an https:// URL whose server does not speak TLS as a TLS error", async () => {
    const stub = await startStub(200);
    try {
      const { created, sendTest } = await addDestination(`https://127.0.0.1:${stub.port}/hooks`);
      await expectTestResult(await sendTest(), created.body.id, {
        outcome: "tls_error", status: 0, message: `TLS with 127.0.0.1:${stub.port} failed: wrong version number`,
      });
      expect(stub.received).toHaveLength(0);
    } finally {
      await stub.close();
    }
  });

  it("reports a connection dropped before any answer as a network error", async () => {
    const stub = await startStub("hang-up");
    try {
      const { created, sendTest } = await addDestination(stub.url);
      await expectTestResult(await sendTest(), created.body.id, {
        outcome: "network_error", status: 0, message: `Could not reach 127.0.0.1:${stub.port}: socket hang up`,
      });
    } finally {
      await stub.close();
    }
  });

  it("reports a destination that has not answered after 10 s as timed out", async () => {
    const stub = await startStub("silent");
    try {
      const { created, sendTest } = await addDestination(stub.url);
      // Only the delivery's deadline is a fake timer; the request and the database are real.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const pending = sendTest();
      await stub.arrived;
      await vi.advanceTimersByTimeAsync(9_000);
      expect(await Promise.race([pending.then(() => "settled"), new Promise((resolve) => setImmediate(() => resolve("waiting")))])).toBe("waiting");
      await vi.advanceTimersByTimeAsync(1_000);
      await expectTestResult(await pending, created.body.id, {
        outcome: "timeout", status: 0, message: `127.0.0.1:${stub.port} did not answer within 10 s`,
      });
    } finally {
      vi.useRealTimers();
      await stub.close();
    }
  });

  it("reports an address the network guard refuses, and why, without connecting", async () => {
    const stub = await startStub(200);
    try {
      // Allowed when it was saved; the allow-list has changed since.
      const { created, sendTest } = await addDestination(stub.url);
      process.env.REQUEST_ALLOW_HOSTS = "";
      await expectTestResult(await sendTest(), created.body.id, {
        outcome: "refused", status: 0, reason: "loopback", message: "Requests to 127.0.0.1 are not allowed: it is a loopback address",
      });
      expect(stub.received).toHaveLength(0);
    } finally {
      await stub.close();
    }
  });

  it("reports a host that now resolves to a private address as refused by the guard", async () => {
    dnsAnswers.set("flip.example.com", [PUBLIC_ADDRESS]);
    const { created, sendTest } = await addDestination("https://flip.example.com/hooks");
    dnsAnswers.set("flip.example.com", ["10.0.0.7"]);
    await expectTestResult(await sendTest(), created.body.id, {
      outcome: "refused", status: 0, reason: "private",
      message: "Requests to flip.example.com (10.0.0.7) are not allowed: it is a private network address",
    });
  });

  it("reports a host that no longer resolves as a failed DNS lookup", async () => {
    dnsAnswers.set("gone.example.com", [PUBLIC_ADDRESS]);
    const { created, sendTest } = await addDestination("https://gone.example.com/hooks");
    dnsAnswers.delete("gone.example.com");
    await expectTestResult(await sendTest(), created.body.id, {
      outcome: "dns_failure", status: 0, message: "Could not resolve gone.example.com: getaddrinfo ENOTFOUND gone.example.com",
    });
  });

  it("leaves the failure count and a switched-off state alone", async () => {
    const stub = await startStub(204);
    try {
      const { project, created, sendTest } = await addDestination(stub.url);
      const disabledAt = new Date("2030-01-02T03:04:05.000Z");
      await db.notificationDestination.updateMany({
        where: { id: created.body.id, projectId: project.id },
        data: { enabled: false, consecutiveFailures: 20, disabledAt, lastStatus: 503, lastDeliveryAt: disabledAt },
      });
      const sent = await sendTest();
      expect(sent.body).toMatchObject({
        outcome: "answered", status: 204,
        destination: { enabled: false, consecutiveFailures: 20, disabledAt: disabledAt.toISOString(), lastStatus: 204 },
      });
      expect(sent.body.destination.lastDeliveryAt).not.toBe(disabledAt.toISOString());
      expect(stub.received).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it("answers 404 for another project's destination, sends nothing and records nothing", async () => {
    const stub = await startStub(204);
    try {
      const { created } = await addDestination(stub.url);
      const stranger = await createTestProject();
      const sent = await callRoute(testDestination, {
        params: { projectId: stranger.id, destinationId: created.body.id },
        headers: { cookie: await sessionCookie(stranger.ownerId) },
        method: "POST",
      });
      expect({ status: sent.status, body: sent.body }).toEqual({ status: 404, body: { error: { code: "not_found", message: "Destination not found" } } });
      expect(stub.received).toHaveLength(0);
      expect(await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({ lastStatus: null, lastDeliveryAt: null });
    } finally {
      await stub.close();
    }
  });
});
