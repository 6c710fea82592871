import { describe, expect, it } from "vitest";
import { WEBHOOK_INTEGRATIONS } from "@/lib/schemas/webhook-presets";
import {
  eventLogHref,
  hasEventFilters,
  isWebhookScoped,
  readEventFilters,
  readOpenEventId,
  writeEventFilters,
} from "./event-filter-params";
import { deliveryStatusText, integrationLabel, noRunsReason, parseBody, rejectionReasonLabel, sameJson, sortedHeaders } from "./event-format";

const ENDPOINT = "2f1c7f8e-0c1e-4a55-9b3f-6d3a8f2b9e10";
const failed = (reason: string | null) => ({ ok: false, scheme: null, reason, message: "The signature does not match" });

describe("readEventFilters / writeEventFilters", () => {
  it("round-trips every filter in a fixed order", () => {
    const query =
      "name=push&userId=user-42&source=webhook&integration=github&deliveryStatus=rejected&startedRuns=false&endpointId=" + ENDPOINT;
    const filters = readEventFilters(new URLSearchParams(query));
    expect(filters).toEqual({
      name: "push",
      userId: "user-42",
      source: "webhook",
      integration: "github",
      deliveryStatus: "rejected",
      startedRuns: "false",
      endpointId: ENDPOINT,
    });
    expect(writeEventFilters(filters).toString()).toBe(query);
  });

  it("drops values the API would refuse", () => {
    const filters = readEventFilters(
      new URLSearchParams("source=email&integration=myspace&deliveryStatus=pending&startedRuns=yes&endpointId=abc&name="),
    );
    expect(filters).toEqual({});
    expect(hasEventFilters(filters)).toBe(false);
  });

  it("drops webhook-only filters for an App Event source, which has no integration, status or endpoint", () => {
    const read = readEventFilters(new URLSearchParams(`source=sdk&integration=stripe&deliveryStatus=accepted&endpointId=${ENDPOINT}`));
    expect(read).toEqual({ source: "sdk" });
    expect(writeEventFilters({ source: "api", integration: "slack", startedRuns: "true" }).toString()).toBe("source=api&startedRuns=true");
  });

  it("keeps webhook-only filters without a source: they select webhook deliveries of every kind", () => {
    expect(writeEventFilters({ integration: "hubspot" }).toString()).toBe("integration=hubspot");
  });
});

describe("isWebhookScoped", () => {
  it.each([
    [{ source: "webhook" as const }, true],
    [{ integration: "stripe" as const }, true],
    [{ deliveryStatus: "unrouted" as const }, true],
    [{ endpointId: ENDPOINT }, true],
    [{ source: "sdk" as const }, false],
    [{ name: "push", startedRuns: "true" as const }, false],
  ])("%o → %s", (filters, scoped) => {
    expect(isWebhookScoped(filters)).toBe(scoped);
  });
});

describe("the open event in the URL", () => {
  it("reads only an event id", () => {
    expect(readOpenEventId(new URLSearchParams(`event=${ENDPOINT}`))).toBe(ENDPOINT);
    expect(readOpenEventId(new URLSearchParams("event=../runs"))).toBeNull();
    expect(readOpenEventId(new URLSearchParams(""))).toBeNull();
  });

  it("links to the log with the filters kept and the event open", () => {
    expect(eventLogHref({ pathname: "/p/events", filters: { source: "webhook" }, openEventId: ENDPOINT })).toBe(
      `/p/events?source=webhook&event=${ENDPOINT}`,
    );
    expect(eventLogHref({ pathname: "/p/events", filters: {}, openEventId: null })).toBe("/p/events");
  });
});

describe("integrationLabel", () => {
  it("names every integration, and shows an unknown one as stored", () => {
    expect(WEBHOOK_INTEGRATIONS.map(integrationLabel)).not.toContain("");
    expect(integrationLabel("github")).toBe("GitHub");
    expect(integrationLabel("standard_webhooks")).toBe("Standard Webhooks (Svix)");
    expect(integrationLabel("custom")).toBe("Custom webhook");
    expect(integrationLabel("toString")).toBe("toString");
    expect(integrationLabel("acme")).toBe("acme");
  });
});

describe("deliveryStatusText", () => {
  const ok = { ok: true, scheme: "hmac-sha256", reason: null, message: null };
  it.each([
    ["accepted", ok, "Accepted"],
    ["unrouted", ok, "Unrouted"],
    ["duplicate", ok, "Duplicate"],
    ["handshake", ok, "Handshake"],
    ["rejected", failed("bad_signature"), "Rejected: bad signature"],
    ["rejected", failed("no_secret"), "Rejected: no secret configured"],
    ["rejected", failed("ip_not_allowed"), "Rejected: ip not allowed"],
    ["rejected", failed(null), "Rejected: verification failed"],
  ] as const)("%s %o", (status, verification, text) => {
    expect(deliveryStatusText(status, verification)).toBe(text);
  });

  it("words every reason the verifiers give", () => {
    for (const reason of ["missing_signature", "malformed_signature", "bad_signature", "missing_timestamp", "stale_timestamp", "wrong_organization"]) {
      expect(rejectionReasonLabel(reason)).not.toContain("_");
    }
  });
});

describe("noRunsReason", () => {
  it("says why a delivery started nothing, and keeps the App Event wording", () => {
    expect(noRunsReason({ webhook: null })).toBe("No deployed workflow listens to this event for this user");
    const delivery = (status: "rejected" | "unrouted") => ({
      webhook: {
        status,
        delivery: {
          endpointId: ENDPOINT, integration: "github", deliveryId: null, eventType: "push", method: "POST", path: "/w", headers: {}, body: "",
          verification: failed("bad_signature"), routing: { via: "none" as const, providerId: null }, duplicateOf: null,
        },
      },
    });
    expect(noRunsReason(delivery("rejected"))).toBe("A delivery that fails verification starts no runs");
    expect(noRunsReason(delivery("unrouted"))).toMatch(/No user was found/);
  });
});

describe("parseBody", () => {
  it.each([
    ["", { kind: "empty" }],
    ["  \n", { kind: "empty" }],
    ['{"a":[1,2]}', { kind: "json", value: { a: [1, 2] } }],
    ["[]", { kind: "json", value: [] }],
    ["a=1&b=2", { kind: "text", text: "a=1&b=2" }],
    ["<soapenv:Envelope/>", { kind: "text", text: "<soapenv:Envelope/>" }],
    ['{"cut": ', { kind: "text", text: '{"cut": ' }],
  ])("%j", (text, parsed) => {
    expect(parseBody(text)).toEqual(parsed);
  });
});

describe("sameJson", () => {
  it.each([
    [{ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    ["x", "x", true],
    [null, {}, false],
    [1, "1", false],
  ])("%j vs %j", (a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
  });
});

describe("sortedHeaders", () => {
  it("orders by name regardless of case and keeps masked values as they came", () => {
    expect(sortedHeaders({ "X-Hub-Signature-256": "••••••", accept: "*/*", "Content-Type": "application/json" })).toEqual([
      ["accept", "*/*"],
      ["Content-Type", "application/json"],
      ["X-Hub-Signature-256", "••••••"],
    ]);
  });
});
