import { describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/projects/[projectId]/api-keys/route";
import { POST as revokeKey } from "@/app/api/v1/projects/[projectId]/api-keys/[apiKeyId]/revoke/route";
import { GET as listProjects } from "@/app/api/v1/projects/route";
import { db } from "@/lib/db/client";
import { callRoute, createTestBuilder, createTestProject, sessionCookie } from "@/test/factories";

describe("API keys", () => {
  it("creates a key shown once, authenticates with it, and refuses it after revocation", async () => {
    const project = await createTestProject();
    const cookie = await sessionCookie(project.ownerId);
    const created = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie }, body: { name: "ci" } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^sy_/);
    expect(created.body.prefix).toBe(created.body.key.slice(0, 11));

    const stored = await db.apiKey.findFirstOrThrow({ where: { id: created.body.id } });
    expect(stored.hash).not.toContain(created.body.key);

    const auth = { authorization: `Bearer ${created.body.key}` };
    const withKey = await callRoute(listProjects, { headers: auth });
    expect(withKey.status).toBe(200);
    expect(withKey.body.projects.map((p: { id: string }) => p.id)).toEqual([project.id]);

    const listed = await callRoute(listKeys, { params: { projectId: project.id }, headers: { cookie } });
    expect(listed.body.apiKeys[0]).not.toHaveProperty("key");
    expect(listed.body.apiKeys[0].lastUsedAt).not.toBeNull();

    const revoked = await callRoute(revokeKey, { params: { projectId: project.id, apiKeyId: created.body.id }, headers: { cookie }, method: "POST" });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();

    const after = await callRoute(listProjects, { headers: auth });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: { code: "unauthorized", message: "The API key is not valid or has been revoked" } });
  });

  it("answers 404 for another builder's project and writes nothing", async () => {
    const project = await createTestProject();
    const stranger = await createTestBuilder();
    const cookie = await sessionCookie(stranger.id);
    const before = await db.apiKey.count();
    const response = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie }, body: { name: "x" } });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "Project not found" } });
    expect(await db.apiKey.count()).toBe(before);
  });
});
