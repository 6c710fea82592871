import { SignJWT } from "jose";
import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/projects/[projectId]/sdk/events/trigger/route";
import { db } from "@/lib/db/client";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { callRoute, createTestProject } from "@/test/factories";

describe("SDK event trigger smoke", () => {
  it("accepts a signed event, creates the user, the event and one run", async () => {
    const project = await createTestProject();
    const key = await generateSigningKey({ projectId: project.id, name: "k", createdById: null });
    const event = await createTestAppEvent(project.id, "Contact Created");
    const { workflowId } = await createDeployedWorkflow({
      projectId: project.id,
      graph: { trigger: { type: "app_event", appEventId: event.id }, steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }], edges: [{ id: "e", source: "trigger", target: "f" }] },
    });
    const token = await new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setSubject("u-1").setIssuedAt().setExpirationTime("1h").sign(createPrivateKey(key.privateKeyPem));
    const response = await callRoute(POST, { params: { projectId: project.id }, headers: { authorization: `Bearer ${token}` }, body: { name: "Contact Created", payload: { email: "a@b.co" } } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] });
    const stored = await db.event.findFirstOrThrow({ where: { id: response.body.eventId, projectId: project.id } });
    expect(stored.payload).toEqual({ email: "a@b.co" });
    expect(await db.connectedUser.count({ where: { projectId: project.id, externalId: "u-1" } })).toBe(1);
  });
});
