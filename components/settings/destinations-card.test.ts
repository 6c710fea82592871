import { describe, expect, it } from "vitest";
import type { TTestDeliveryResult } from "@/lib/schemas/destination";
import { testDeliveryToast } from "./destinations-card";

const destination = {
  id: "2f1c7f8e-0c1e-4a55-9b3f-6d3a8f2b9e10", name: "Pager", url: "https://hooks.example.com/in", enabled: true,
  consecutiveFailures: 0, disabledAt: null, lastDeliveryAt: "2030-01-02T03:04:05.000Z", lastStatus: 0, createdAt: "2030-01-01T00:00:00.000Z",
};
const result = (outcome: TTestDeliveryResult["outcome"], status: number, message: string): TTestDeliveryResult => ({
  outcome, status, message, reason: outcome === "refused" ? "private" : null, destination: { ...destination, lastStatus: status },
});

describe("testDeliveryToast", () => {
  it.each([
    [result("answered", 204, "hooks.example.com answered HTTP 204"), { title: "Test delivered: Pager answered 204", variant: "success" }],
    [
      result("answered", 500, "hooks.example.com answered HTTP 500"),
      { title: "Test failed: Pager answered 500", description: "Only 2xx answers count as delivered.", variant: "error" },
    ],
    [
      result("refused", 0, "Requests to hooks.example.com (10.0.0.5) are not allowed: it is a private network address"),
      { title: "Test failed: refused by the network guard", description: "Requests to hooks.example.com (10.0.0.5) are not allowed: it is a private network address", variant: "error" },
    ],
    [
      result("dns_failure", 0, "Could not resolve hooks.example.com: getaddrinfo ENOTFOUND hooks.example.com"),
      { title: "Test failed: DNS lookup failed", description: "Could not resolve hooks.example.com: getaddrinfo ENOTFOUND hooks.example.com", variant: "error" },
    ],
    [
      result("connection_refused", 0, "hooks.example.com refused the connection"),
      { title: "Test failed: connection refused", description: "hooks.example.com refused the connection", variant: "error" },
    ],
    [
      result("tls_error", 0, "TLS with hooks.example.com failed: certificate has expired"),
      { title: "Test failed: TLS error", description: "TLS with hooks.example.com failed: certificate has expired", variant: "error" },
    ],
    [
      result("timeout", 0, "hooks.example.com did not answer within 10 s"),
      { title: "Test failed: timed out after 10 s", description: "hooks.example.com did not answer within 10 s", variant: "error" },
    ],
    [
      result("network_error", 0, "Could not reach hooks.example.com: socket hang up"),
      { title: "Test failed: network error", description: "Could not reach hooks.example.com: socket hang up", variant: "error" },
    ],
  ])("names the outcome %#", (answer, expected) => {
    expect(testDeliveryToast(answer, "Pager")).toEqual(expected);
  });
});
