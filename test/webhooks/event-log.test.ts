// Webhook deliveries in the Event Log API, beside App Events: their outcome, what was received (signatures
// masked), and the filters by source, integration, endpoint, outcome and runs started.
import { describe, expect, it } from "vitest";
import { GET as listEvents } from "@/app/api/v1/projects/[projectId]/events/route";
import { GET as getEvent } from "@/app/api/v1/projects/[projectId]/events/[eventId]/route";
import { db } from "@/lib/db/client";
import { callRoute, createTestApiKey } from "@/test/factories";
import { createWebhookProject, deployWebhookWorkflow, githubDelivery, post } from "./webhook-helpers";

describe("the Event Log's webhook deliveries", () => {
  it("lists each with its outcome and filters them", async () => {
    const { project, endpoint, user } = await createWebhookProject();
    const key = await createTestApiKey(project.id);
    const workflowId = await deployWebhookWorkflow(project.id, { kind: "integration", integration: "github", event: "push" });
    const accepted = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ deliveryId: "a-1" })) });
    const duplicate = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ deliveryId: "a-1" })) });
    const unrouted = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ body: { installation: { id: 9 } } })) });
    const rejected = await post({ projectId: project.id, endpointId: endpoint.id, ...(await githubDelivery({ secret: "wrong" })) });
    const appEventId = crypto.randomUUID();
    await db.event.create({ data: { id: appEventId, projectId: project.id, name: "Contact Created", payload: {}, source: "sdk", response: { eventId: appEventId, runs: [] } } });
    const list = async (query: string) => {
      const response = await callRoute(listEvents, { params: { projectId: project.id }, path: `/api/v1/projects/${project.id}/events${query}`, headers: { authorization: `Bearer ${key.key}` } });
      expect(response.status).toBe(200);
      return response.body.events as { id: string; webhook: { status: string } | null }[];
    };

    const all = await list("");
    expect(all).toHaveLength(5);
    const byId = new Map(all.map((event) => [event.id, event]));
    expect(byId.get(accepted.body.eventId)).toMatchObject({
      name: "push",
      source: "webhook",
      userId: user.externalId,
      runs: [{ runId: accepted.body.runs[0].runId, workflowId, status: "queued" }],
      webhook: {
        status: "accepted",
        delivery: {
          endpointId: endpoint.id,
          integration: "github",
          deliveryId: "a-1",
          verification: { ok: true, scheme: expect.any(String) },
          routing: { via: "provider_id", providerId: "42" },
          headers: { "x-hub-signature-256": "••••••", "x-github-event": "push" },
        },
      },
    });
    expect(byId.get(duplicate.body.eventId)?.webhook).toMatchObject({ status: "duplicate", delivery: { duplicateOf: accepted.body.eventId } });
    expect(byId.get(rejected.body.error.details.eventId)?.webhook).toMatchObject({ status: "rejected", delivery: { verification: { ok: false, reason: "bad_signature" } } });

    const ids = (events: { id: string }[]) => events.map((event) => event.id).sort();
    expect((await list("?source=webhook")).length).toBe(4);
    expect((await list("?source=sdk")).map((event) => event.webhook)).toEqual([null]);
    expect(ids(await list("?integration=github&deliveryStatus=unrouted"))).toEqual([unrouted.body.eventId]);
    expect(ids(await list("?deliveryStatus=rejected"))).toEqual([rejected.body.error.details.eventId]);
    expect(ids(await list("?startedRuns=true"))).toEqual([accepted.body.eventId]);
    expect((await list(`?endpointId=${endpoint.id}&startedRuns=false`)).length).toBe(3);
    expect(ids(await list(`?userId=${user.externalId}&source=webhook`))).toEqual(ids([accepted.body, duplicate.body].map((body) => ({ id: body.eventId }))));
    expect(await list(`?endpointId=${crypto.randomUUID()}`)).toEqual([]);
    const refused = await callRoute(listEvents, { params: { projectId: project.id }, path: `/api/v1/projects/${project.id}/events?deliveryStatus=lost`, headers: { authorization: `Bearer ${key.key}` } });
    expect(refused.status).toBe(422);

    const one = await callRoute(getEvent, { params: { projectId: project.id, eventId: accepted.body.eventId }, headers: { authorization: `Bearer ${key.key}` } });
    expect(one.body).toEqual(byId.get(accepted.body.eventId));
  });
});
