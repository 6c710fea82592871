import { describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/projects/[projectId]/api-keys/route";
import { POST as revokeKey } from "@/app/api/v1/projects/[projectId]/api-keys/[apiKeyId]/revoke/route";
import { GET as listProjects } from "@/app/api/v1/projects/route";
import { db } from "@/lib/db/client";
import { addMember } from "@/test/api-helpers";
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
    // Counted for this project only: other test files write API keys to the same database in parallel.
    const before = await db.apiKey.count({ where: { projectId: project.id } });
    const response = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie }, body: { name: "x" } });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "Project not found" } });
    expect(await db.apiKey.count({ where: { projectId: project.id } })).toBe(before);
  });

  it("keeps the first revocation time when a key is revoked twice", async () => {
    const project = await createTestProject();
    const cookie = await sessionCookie(project.ownerId);
    const created = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie }, body: { name: "twice" } });
    const params = { projectId: project.id, apiKeyId: created.body.id };
    const first = await callRoute(revokeKey, { params, headers: { cookie }, method: "POST" });
    const second = await callRoute(revokeKey, { params, headers: { cookie }, method: "POST" });
    expect(first.status).toBe(200);
    expect({ status: second.status, body: second.body }).toEqual({ status: 200, body: first.body });
    const { key: _secret, ...publicPart } = created.body;
    expect(first.body).toEqual({ ...publicPart, revokedAt: expect.any(String) });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.revokedAt?.toISOString()).toBe(first.body.revokedAt);
  });

  it("lets a member create keys, recording who created them, and lists active keys before revoked ones", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const ownerCookie = await sessionCookie(project.ownerId);
    const old = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie: ownerCookie }, body: { name: "old" } });
    await callRoute(revokeKey, { params: { projectId: project.id, apiKeyId: old.body.id }, headers: { cookie: ownerCookie }, method: "POST" });
    const made = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie: member.cookie }, body: { name: "by member" } });
    expect(made.status).toBe(201);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: made.body.id } })).createdById).toBe(member.id);

    const listed = await callRoute(listKeys, { params: { projectId: project.id }, headers: { cookie: member.cookie } });
    expect(listed.body.apiKeys.map((k: { name: string }) => k.name)).toEqual(["by member", "old"]);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
    for (const key of listed.body.apiKeys) expect(Object.keys(key).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);
  });

  it("authenticates a key only for its own project", async () => {
    const project = await createTestProject();
    const other = await createTestProject();
    const cookie = await sessionCookie(project.ownerId);
    const created = await callRoute(createKey, { params: { projectId: project.id }, headers: { cookie }, body: { name: "scoped" } });
    const { GET: listSigningKeys } = await import("@/app/api/v1/projects/[projectId]/signing-keys/route");
    const auth = { authorization: `Bearer ${created.body.key}` };
    expect((await callRoute(listSigningKeys, { params: { projectId: project.id }, headers: auth })).status).toBe(200);
    const foreign = await callRoute(listSigningKeys, { params: { projectId: other.id }, headers: auth });
    expect({ status: foreign.status, body: foreign.body }).toEqual({ status: 404, body: { error: { code: "not_found", message: "Project not found" } } });
  });
});
