// Webhook deliveries end to end through the real route and PostgreSQL: verified on the raw bytes, deduplicated
// by delivery id, routed to the user whose provider id they carry, dispatched through the shared statement,
// and recorded in the Event Log; and every refusal with its exact body and nothing else written.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { createWebhookEndpoint, rotateWebhookSecret } from "@/lib/webhooks/manage-webhook-endpoints";
import { userEndpointPath } from "@/lib/webhooks/endpoint-url";
import { createTestProject } from "@/test/factories";
import { countRows, createWebhookProject, deployWebhookWorkflow, GITHUB_SECRET, githubDelivery, post } from "./webhook-helpers";

describe("a GitHub delivery to an app-level endpoint", () => {
  it("is verified, routed to the user with its installation id, starts the workflows on its event and on every event, and is logged", async () => {
    const { project, endpoint, user } = await createWebhookProject();
    const onPush = await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const onAny = await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "*" });
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "issues" });
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "stripe", event: "push" });
    const delivery = await githubDelivery({ deliveryId: "d-1", body: { ref: "refs/heads/main", installation: { id: 42 } } });

    const answer = await post({ projectId: project.id, endpointId: endpoint.id, ...delivery });

    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe("accepted");
    expect(answer.body.runs.map((run: { workflowId: string }) => run.workflowId).sort()).toEqual([onPush, onAny].sort());
    const runs = await db.run.findMany({ where: { projectId: project.id }, select: { id: true, connectedUserId: true, triggerType: true, input: true, eventId: true } });
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(run).toMatchObject({ connectedUserId: user.id, triggerType: "webhook", eventId: answer.body.eventId });
      expect(run.input).toMatchObject({ type: "webhook", integration: "github", event: "push", deliveryId: "d-1", payload: { ref: "refs/heads/main" } });
      // The signature is masked wherever the delivery is kept.
      expect((run.input as { headers: Record<string, string> }).headers["x-hub-signature-256"]).toBe("••••••");
    }
    const event = await db.event.findFirstOrThrow({ where: { id: answer.body.eventId, projectId: project.id } });
    expect(event).toMatchObject({ source: "webhook", name: "push", integration: "github", deliveryStatus: "accepted", connectedUserId: user.id, webhookEndpointId: endpoint.id });
    expect(event.delivery).toMatchObject({
      deliveryId: "d-1",
      eventType: "push",
      verification: { ok: true, reason: null },
      routing: { via: "provider_id", providerId: "42" },
      duplicateOf: null,
      body: delivery.text,
    });
  });

  it("repeated with the same delivery id gets 200, is logged as a duplicate of the first and starts no run", async () => {
    const { project, endpoint } = await createWebhookProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const first = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ deliveryId: "same" })) });
    const again = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ deliveryId: "same" })) });
    expect(first.body.runs).toHaveLength(1);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "duplicate", runs: [] });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);
    const repeat = await db.event.findFirstOrThrow({ where: { id: again.body.eventId, projectId: project.id } });
    expect(repeat.deliveryStatus).toBe("duplicate");
    expect(repeat.delivery).toMatchObject({ duplicateOf: first.body.eventId });
  });

  it("repeated after 24 h is a new delivery again", async () => {
    const { project, endpoint } = await createWebhookProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ deliveryId: "old" })) });
    await db.webhookDeliveryKey.updateMany({ where: { projectId: project.id }, data: { receivedAt: new Date(Date.now() - 25 * 3_600_000) } });
    const later = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ deliveryId: "old" })) });
    expect(later.body).toMatchObject({ status: "accepted" });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("two deliveries with one id at the same moment start one run between them", async () => {
    const { project, endpoint } = await createWebhookProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const deliveries = await Promise.all(Array.from({ length: 8 }, () => githubDelivery({ deliveryId: "raced" })));
    const answers = await Promise.all(deliveries.map((delivery) => post({ projectId: project.id, endpointId: endpoint.id, ...delivery })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((answer) => answer.body.status === "accepted")).toHaveLength(1);
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("that names no known installation is recorded as unrouted and starts nothing", async () => {
    const { project, endpoint } = await createWebhookProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ body: { installation: { id: 7 } } })) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "unrouted", runs: [] });
    const event = await db.event.findFirstOrThrow({ where: { id: answer.body.eventId, projectId: project.id } });
    expect(event).toMatchObject({ deliveryStatus: "unrouted", connectedUserId: null });
    expect(event.delivery).toMatchObject({ routing: { via: "provider_id", providerId: "7" } });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("reaches only users who switched the workflow on, when it is not on for everyone", async () => {
    const { project, endpoint, user } = await createWebhookProject();
    const workflowId = await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" }, { enabledForAllUsers: false });
    const off = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({})) });
    expect(off.body).toMatchObject({ status: "accepted", runs: [] });
    await db.workflowActivation.create({ data: { projectId: project.id, workflowId, connectedUserId: user.id } });
    const on = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({})) });
    expect(on.body.runs).toEqual([{ runId: expect.any(String), workflowId }]);
  });
});

describe("a delivery that fails verification", () => {
  const cases: [string, () => Promise<{ text: string; headers: Record<string, string> }>, string][] = [
    ["has no signature", () => githubDelivery({ signature: null }), "missing_signature"],
    ["is signed with another secret", () => githubDelivery({ secret: "not the secret" }), "bad_signature"],
    [
      "was tampered with after signing",
      async () => {
        const signed = await githubDelivery({ body: { installation: { id: 42 }, amount: 1 } });
        return { ...signed, text: signed.text.replace('"amount":1', '"amount":1000') };
      },
      "bad_signature",
    ],
  ];

  it.each(cases)("(%s) gets 401 with the reason, is recorded as rejected, and writes nothing else", async (_name, make, reason) => {
    const { project, endpoint } = await createWebhookProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, ...(await make()) });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: "unauthorized", details: { reason, eventId: expect.any(String) } });
    expect(typeof answer.body.error.message).toBe("string");
    expect(await countRows(project.id)).toEqual({ events: 1, runs: 0, keys: 0 });
    const event = await db.event.findFirstOrThrow({ where: { projectId: project.id } });
    expect(event).toMatchObject({ deliveryStatus: "rejected", connectedUserId: null });
    expect(event.delivery).toMatchObject({ verification: { ok: false, reason }, deliveryId: null });
  });
});

describe("refusals that record nothing", () => {
  it("answers 413 to a body over 1 MiB", async () => {
    const { project, endpoint } = await createWebhookProject();
    const delivery = await githubDelivery({ body: { installation: { id: 42 }, blob: "x".repeat(1024 * 1024) } });
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, ...delivery });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: { code: "payload_too_large", message: "The request body is larger than 1 MiB" } });
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });

  it("answers 404 to an unknown endpoint, another project's endpoint and a malformed id", async () => {
    const { project, endpoint } = await createWebhookProject();
    const other = await createTestProject();
    const delivery = await githubDelivery({});
    const notFound = { error: { code: "not_found", message: "Webhook endpoint not found" } };
    for (const [projectId, endpointId] of [
      [project.id, crypto.randomUUID()],
      [other.id, endpoint.id],
      [project.id, "not-a-uuid"],
      ["not-a-uuid", endpoint.id],
    ]) {
      const answer = await post({ projectId, endpointId, ...delivery });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(notFound);
    }
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
    expect(await countRows(other.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });

  it("answers 404 to a user-level URL whose MAC does not match", async () => {
    const { project, user } = await createWebhookProject();
    const custom = await createWebhookEndpoint({ projectId: project.id, origin: "", integration: "custom", name: "orders", custom: { verification: { mode: "none" } } as never });
    forgetProjectConfig(project.id);
    const workflowId = await deployWebhookWorkflow(project.id, { kind: "custom", name: "orders" });
    const good = userEndpointPath({ projectId: project.id, endpointId: custom.id, connectedUserId: user.id, workflowId }).split("/").pop()!;
    const forged = `${good.slice(0, -4)}AAAA`;
    const answer = await post({ projectId: project.id, endpointId: custom.id, userToken: forged, text: "{}", headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(404);
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });
});

describe("secret rotation", () => {
  it("accepts both secrets during the grace period, and only the new one after it", async () => {
    const { project, endpoint } = await createWebhookProject();
    await rotateWebhookSecret({ projectId: project.id, endpointId: endpoint.id, origin: "", secret: "the-new-secret", graceHours: 24 });
    forgetProjectConfig(project.id);
    expect((await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ secret: GITHUB_SECRET })) })).status).toBe(200);
    expect((await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ secret: "the-new-secret" })) })).status).toBe(200);
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    forgetProjectConfig(project.id);
    const stale = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ secret: GITHUB_SECRET })) });
    expect(stale.status).toBe(401);
    expect((await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ secret: "the-new-secret" })) })).status).toBe(200);
  });

  it("with no grace period refuses the old secret at once", async () => {
    const { project, endpoint } = await createWebhookProject();
    await rotateWebhookSecret({ projectId: project.id, endpointId: endpoint.id, origin: "", secret: "the-new-secret", graceHours: 0 });
    forgetProjectConfig(project.id);
    expect((await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ secret: GITHUB_SECRET })) })).status).toBe(401);
  });
});

describe("a custom webhook's user-level URL", () => {
  it("routes to its user and starts only the workflow it was made for", async () => {
    const { project, user } = await createWebhookProject();
    const custom = await createWebhookEndpoint({
      projectId: project.id,
      origin: "",
      integration: "custom",
      name: "orders",
      secret: "custom-secret-1",
      custom: { verification: { mode: "hmac", algorithm: "sha256", header: "x-signature", encoding: "hex", prefix: "", signedContent: "body", separator: ".", toleranceSeconds: 300 } } as never,
    });
    forgetProjectConfig(project.id);
    const mine = await deployWebhookWorkflow(project.id, { kind: "custom", name: "orders" });
    await deployWebhookWorkflow(project.id, { kind: "custom", name: "orders" });
    const token = userEndpointPath({ projectId: project.id, endpointId: custom.id, connectedUserId: user.id, workflowId: mine }).split("/").pop()!;
    const text = JSON.stringify({ order: 7 });
    const signature = createHmac("sha256", "custom-secret-1").update(text).digest("hex");
    const answer = await post({ projectId: project.id, endpointId: custom.id, userToken: token, text, headers: { "content-type": "application/json", "x-signature": signature } });
    expect(answer.status).toBe(200);
    expect(answer.body.runs).toEqual([{ runId: expect.any(String), workflowId: mine }]);
    const event = await db.event.findFirstOrThrow({ where: { id: answer.body.eventId, projectId: project.id } });
    expect(event).toMatchObject({ connectedUserId: user.id, integration: "custom" });
    expect(event.delivery).toMatchObject({ routing: { via: "user_url" }, headers: { "x-signature": "••••••" } });
  });
});

describe("text PostgreSQL cannot store", () => {
  it.each([
    ["a \\u0000 escape in a JSON value", '{"installation":{"id":42},"note":"a\\u0000b"}', "/note"],
    ["a lone surrogate escape in a JSON value", '{"installation":{"id":42},"note":"\\ud800"}', "/note"],
  ])("is refused with 400 before anything is written (%s), even when signed", async (_name, text, pointer) => {
    const { project, endpoint } = await createWebhookProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const signature = `sha256=${createHmac("sha256", GITHUB_SECRET).update(text).digest("hex")}`;
    const answer = await post({
      projectId: project.id,
      endpointId: endpoint.id,
      text,
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "nul-1", "x-hub-signature-256": signature },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "bad_request", message: "The request contains text that cannot be stored", details: [{ in: "body", path: pointer }] });
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });

  it("is refused in a raw body that is not JSON", async () => {
    const { project, endpoint } = await createWebhookProject();
    const text = "plain\u0000text";
    const signature = `sha256=${createHmac("sha256", GITHUB_SECRET).update(text).digest("hex")}`;
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, text, headers: { "content-type": "text/plain", "x-github-event": "push", "x-hub-signature-256": signature } });
    expect(answer.status).toBe(400);
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });
});

describe("a form-encoded delivery", () => {
  it("with a %00 in a field is refused with 400 and writes nothing", async () => {
    const project = await createTestProject();
    const endpoint = await createWebhookEndpoint({ projectId: project.id, origin: "", integration: "custom", name: "forms", custom: { verification: { mode: "none" } } as never });
    forgetProjectConfig(project.id);
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, text: "status=ok&note=a%00b", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "bad_request", details: [{ in: "body", path: "/note" }] });
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });
});
