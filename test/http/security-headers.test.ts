// The web server's listener on a loopback port: every answer, Next's (a stand-in here) and the fast path's,
// carries the security headers; the Connect Portal's path may be framed; HSTS only over TLS.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener } from "@/lib/http/fast-path-listener";

let server: http.Server;
let base: string;

beforeAll(async () => {
  // Next's handler writes its own headers with writeHead, as this stand-in does.
  const fallback = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
  server = http.createServer(createRequestListener({ fallback }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function headersOf(path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, init);
  await response.arrayBuffer();
  return { status: response.status, headers: response.headers };
}

describe("security headers", () => {
  it.each([
    ["a page answered by Next", "/sign-in", {}],
    ["the fast path's own answer (an unknown project's event trigger)", `/projects/${randomUUID()}/sdk/events/trigger`, { method: "POST", body: "{}" }],
    ["a malformed path, answered before routing", "/projects/%zz/sdk/events/trigger", {}],
  ])("are on %s", async (_label, path, init) => {
    const { headers } = await headersOf(path, init);
    expect({
      nosniff: headers.get("x-content-type-options"),
      referrer: headers.get("referrer-policy"),
      csp: headers.get("content-security-policy"),
      frame: headers.get("x-frame-options"),
      hsts: headers.get("strict-transport-security"),
    }).toEqual({ nosniff: "nosniff", referrer: "strict-origin-when-cross-origin", csp: "frame-ancestors 'none'", frame: "DENY", hsts: null });
  });

  it("leave the Connect Portal's path frameable", async () => {
    for (const path of ["/connect", "/connect/portal", "/connect?token=x"]) {
      const { headers } = await headersOf(path);
      expect([headers.get("content-security-policy"), headers.get("x-frame-options"), headers.get("x-content-type-options")]).toEqual([null, null, "nosniff"]);
    }
    const { headers } = await headersOf("/connected-users");
    expect(headers.get("x-frame-options")).toBe("DENY");
  });

  it("add HSTS only behind TLS (the proxy's X-Forwarded-Proto)", async () => {
    expect((await headersOf("/sign-in", { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect((await headersOf("/sign-in", { headers: { "x-forwarded-proto": "http" } })).headers.get("strict-transport-security")).toBeNull();
  });
});
