// A destination's URL goes through the Request step's address guard when it is saved, so a URL that
// deliveries would be refused for is refused at once, with 400 and nothing written.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PATCH as updateDestination } from "@/app/api/v1/projects/[projectId]/destinations/[destinationId]/route";
import { db } from "@/lib/db/client";
import { createViaApi as create, setAllowHosts, setupProject as setup } from "@/test/destination-helpers";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";
import { dnsAnswers, PUBLIC_ADDRESS, resetDns } from "@/test/fake-dns";

vi.mock("node:dns/promises", async (importOriginal) => (await import("@/test/fake-dns")).fakeDnsModule(await importOriginal()));

let restoreAllowHosts: () => void;
beforeAll(() => {
  // As in production: nothing is allowed on purpose.
  restoreAllowHosts = setAllowHosts("");
  dnsAnswers.set("internal.example.com", ["10.0.0.5"]);
});
afterAll(() => restoreAllowHosts());
afterEach(() => {
  process.env.REQUEST_ALLOW_HOSTS = "";
  resetDns();
  dnsAnswers.set("internal.example.com", ["10.0.0.5"]);
});

const refused = (message: string, reason: string) => ({
  status: 400,
  body: { error: { code: "bad_request", message, details: [{ path: "url", message, reason }] } },
});
const notAllowed = (host: string, what: string) => `Requests to ${host} are not allowed: it is ${what}`;
const LOOPBACK = "a loopback address";
const PRIVATE = "a private network address";
const METADATA = "a cloud metadata service";

// [URL, the refusal's message, its reason]; the guard reads the URL as the WHATWG parser does, so other
// spellings of an address are refused as that address.
const REFUSED: [string, string, string][] = [
  ["http://127.0.0.1:8080/hooks", notAllowed("127.0.0.1", LOOPBACK), "loopback"],
  ["http://127.9.9.9/hooks", notAllowed("127.9.9.9", LOOPBACK), "loopback"],
  ["http://localhost:3000/hooks", notAllowed("localhost", LOOPBACK), "loopback"],
  ["http://LOCALHOST./hooks", notAllowed("localhost", LOOPBACK), "loopback"],
  ["http://api.localhost/hooks", notAllowed("api.localhost", LOOPBACK), "loopback"],
  ["http://[::1]/hooks", notAllowed("::1", LOOPBACK), "loopback"],
  ["http://[::ffff:127.0.0.1]/hooks", notAllowed("::ffff:7f00:1", LOOPBACK), "loopback"],
  ["http://2130706433/hooks", notAllowed("127.0.0.1", LOOPBACK), "loopback"],
  ["http://0x7f000001/hooks", notAllowed("127.0.0.1", LOOPBACK), "loopback"],
  ["http://0177.0.0.1/hooks", notAllowed("127.0.0.1", LOOPBACK), "loopback"],
  ["http://hooks.example.com@127.0.0.1/hooks", notAllowed("127.0.0.1", LOOPBACK), "loopback"],
  ["http://0.0.0.0/hooks", notAllowed("0.0.0.0", "an unspecified address"), "unspecified"],
  ["http://10.0.0.5/hooks", notAllowed("10.0.0.5", PRIVATE), "private"],
  ["http://172.16.4.2/hooks", notAllowed("172.16.4.2", PRIVATE), "private"],
  ["https://192.168.1.20/hooks", notAllowed("192.168.1.20", PRIVATE), "private"],
  ["http://[fd12::1]/hooks", notAllowed("fd12::1", PRIVATE), "private"],
  ["http://169.254.169.254/latest/meta-data/", notAllowed("169.254.169.254", METADATA), "cloud_metadata"],
  ["http://metadata.google.internal/computeMetadata/v1/", notAllowed("metadata.google.internal", METADATA), "cloud_metadata"],
  // Hosts are resolved at save time, and refused when an address they resolve to is refused.
  ["https://internal.example.com/hooks", notAllowed("internal.example.com (10.0.0.5)", PRIVATE), "private"],
  ["https://nowhere.example.com/hooks", "Could not resolve nowhere.example.com: getaddrinfo ENOTFOUND nowhere.example.com", "dns_failure"],
];

describe("a destination URL the network guard refuses", () => {
  it.each(REFUSED)("is not added: %s", async (url, message, reason) => {
    const { project, cookie } = await setup();
    const response = await create(project.id, cookie, { name: "Probe", url });
    expect({ status: response.status, body: response.body }).toEqual(refused(message, reason));
    expect(await db.notificationDestination.count({ where: { projectId: project.id } })).toBe(0);
  });

  it.each(REFUSED)("is not saved over a good one: %s", async (url, message, reason) => {
    const { project, cookie, params } = await setup();
    const created = await create(project.id, cookie);
    const response = await callRoute(updateDestination, {
      params: { ...params, destinationId: created.body.id }, headers: { cookie }, method: "PATCH", body: { name: "Renamed", url, enabled: false },
    });
    expect({ status: response.status, body: response.body }).toEqual(refused(message, reason));
    expect(await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({
      name: "Pager", url: "https://hooks.example.com/switchyard", enabled: true,
    });
  });

  it("is refused when any address the host resolves to is refused, as a delivery would be", async () => {
    const { project, cookie } = await setup();
    dnsAnswers.set("mixed.example.com", [PUBLIC_ADDRESS, "192.168.1.10"]);
    dnsAnswers.set("rebind.example.com", ["::ffff:127.0.0.1"]);
    const mixed = await create(project.id, cookie, { name: "Mixed", url: "https://mixed.example.com/hooks" });
    expect({ status: mixed.status, body: mixed.body }).toEqual(refused(notAllowed("mixed.example.com (192.168.1.10)", PRIVATE), "private"));
    const rebind = await create(project.id, cookie, { name: "Rebind", url: "https://rebind.example.com/hooks" });
    expect({ status: rebind.status, body: rebind.body }).toEqual(refused(notAllowed("rebind.example.com (::ffff:127.0.0.1)", LOOPBACK), "loopback"));
    expect(await db.notificationDestination.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("is accepted when REQUEST_ALLOW_HOSTS names its host as written", async () => {
    process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1,internal.example.com";
    const { project, cookie } = await setup();
    for (const url of ["http://127.0.0.1:8080/hooks", "https://internal.example.com/hooks"]) {
      const created = await create(project.id, cookie, { name: "Allowed", url });
      expect({ url, status: created.status }).toEqual({ url, status: 201 });
    }
    // localhost is another name, so it is still refused.
    const localhost = await create(project.id, cookie, { name: "Allowed", url: "http://localhost:8080/hooks" });
    expect({ status: localhost.status, body: localhost.body }).toEqual(refused(notAllowed("localhost", LOOPBACK), "loopback"));
    expect(await db.notificationDestination.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("is checked only when the URL changes: a rename or pause of an old destination still works", async () => {
    const { project, cookie, params } = await setup();
    // Saved before its host began resolving to a private address.
    const created = await create(project.id, cookie, { name: "Old", url: "https://hooks.example.com/old" });
    dnsAnswers.set("hooks.example.com", ["10.0.0.9"]);
    const renamed = await callRoute(updateDestination, {
      params: { ...params, destinationId: created.body.id }, headers: { cookie }, method: "PATCH", body: { name: "Still old", enabled: false },
    });
    expect({ status: renamed.status, name: renamed.body.name, enabled: renamed.body.enabled }).toEqual({ status: 200, name: "Still old", enabled: false });
  });

  it("answers 404, not 400, for another project's destination re-pointed at a good URL", async () => {
    const { project, cookie } = await setup();
    const created = await create(project.id, cookie);
    const stranger = await createTestProject();
    const response = await callRoute(updateDestination, {
      params: { projectId: stranger.id, destinationId: created.body.id },
      headers: { cookie: await sessionCookie(stranger.ownerId) },
      method: "PATCH",
      body: { url: "https://alerts.example.org/in" },
    });
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: { error: { code: "not_found", message: "Destination not found" } } });
    expect((await db.notificationDestination.findUniqueOrThrow({ where: { id: created.body.id } })).url).toBe("https://hooks.example.com/switchyard");
  });
});
