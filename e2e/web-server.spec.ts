// `npm start` serves through scripts/web.ts: POST and OPTIONS of the SDK event trigger from its fast path,
// everything else from Next. Next marks every answer of a route handler with `Vary: rsc, …`; the fast path
// does not, which tells here who answered.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

test("the production server answers the event trigger itself and hands everything else to Next", async ({ request }) => {
  const trigger = `/projects/${randomUUID()}/sdk/events/trigger`;

  const preflight = await request.fetch(trigger, { method: "OPTIONS" });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()).toMatchObject({ "access-control-allow-origin": "*", "access-control-allow-headers": "authorization, content-type, idempotency-key" });
  expect(preflight.headers().vary).toBeUndefined();

  const unknownProject = await request.post(trigger, { data: { name: "Contact Created", payload: {} } });
  expect(unknownProject.status()).toBe(404);
  expect(await unknownProject.json()).toEqual({ error: { code: "not_found", message: "Project not found" } });
  expect(unknownProject.headers()["access-control-allow-origin"]).toBe("*");
  expect(unknownProject.headers().vary).toBeUndefined();

  const otherMethod = await request.get(trigger);
  expect(otherMethod.status()).toBe(405);
  expect(otherMethod.headers().vary).toContain("rsc");

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });

  const signIn = await request.get("/sign-in");
  expect(signIn.status()).toBe(200);
  expect(await signIn.text()).toContain("<html");
  // Security headers on Next's pages and the fast path's answers alike; no HSTS over plain HTTP.
  for (const answer of [signIn, unknownProject]) {
    expect(answer.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(answer.headers()["strict-transport-security"]).toBeUndefined();
  }
});
