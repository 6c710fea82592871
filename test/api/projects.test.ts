import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getProject, PATCH as updateProject } from "@/app/api/v1/projects/[projectId]/route";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { db } from "@/lib/db/client";
import { addMember } from "@/test/api-helpers";
import { callRoute, createTestApiKey, createTestBuilder, createTestProject, sessionCookie } from "@/test/factories";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("projects", () => {
  it("creates a project whose creator is its owner", async () => {
    const builder = await createTestBuilder();
    const cookie = await sessionCookie(builder.id);
    const name = `Created ${randomUUID().slice(0, 8)}`;
    const created = await callRoute(createProject, { headers: { cookie }, body: { name: `  ${name}  ` } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name, timezone: "UTC", role: "owner", createdAt: expect.stringMatching(ISO) });

    const memberships = await db.membership.findMany({ where: { projectId: created.body.id }, select: { builderId: true, role: true } });
    expect(memberships).toEqual([{ builderId: builder.id, role: "owner" }]);
    const row = await db.project.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ name, isDemo: false });
  });

  it("refuses a blank or too long name with 422 and creates nothing", async () => {
    const builder = await createTestBuilder();
    const cookie = await sessionCookie(builder.id);
    for (const [name, message] of [["   ", "Enter a name"], ["x".repeat(101), "Use at most 100 characters"]]) {
      const response = await callRoute(createProject, { headers: { cookie }, body: { name } });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 422,
        body: { error: { code: "validation_failed", message: "The request is not valid", details: [{ path: "name", message }] } },
      });
    }
    expect(await db.membership.count({ where: { builderId: builder.id } })).toBe(0);
  });

  it("lists only the caller's projects, with the caller's role in each", async () => {
    const own = await createTestProject();
    const second = await createTestProject(own.ownerId);
    const foreign = await createTestProject();
    const member = await addMember(foreign.id);

    const mine = await callRoute(listProjects, { headers: { cookie: await sessionCookie(own.ownerId) } });
    expect(mine.status).toBe(200);
    // Two projects created in the same millisecond may list in either order.
    const listed = mine.body.projects.map((p: { id: string; role: string }) => `${p.id} ${p.role}`).sort();
    expect(listed).toEqual([`${own.id} owner`, `${second.id} owner`].sort());

    const theirs = await callRoute(listProjects, { headers: { cookie: member.cookie } });
    expect(theirs.body).toEqual({ projects: [{ id: foreign.id, name: foreign.name, timezone: "UTC", role: "member", createdAt: expect.stringMatching(ISO) }] });

    const nobody = await createTestBuilder();
    const empty = await callRoute(listProjects, { headers: { cookie: await sessionCookie(nobody.id) } });
    expect({ status: empty.status, body: empty.body }).toEqual({ status: 200, body: { projects: [] } });
  });

  it("lists exactly its own project for an API key, with role null", async () => {
    const project = await createTestProject();
    await createTestProject(project.ownerId);
    const { key } = await createTestApiKey(project.id);
    const response = await callRoute(listProjects, { headers: { authorization: `Bearer ${key}` } });
    expect(response.body).toEqual({ projects: [{ id: project.id, name: project.name, timezone: "UTC", role: null, createdAt: expect.stringMatching(ISO) }] });
  });

  it("gets a project for its owner, a member and its API key", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const { key } = await createTestApiKey(project.id);
    const callers: [Record<string, string>, string | null][] = [
      [{ cookie: await sessionCookie(project.ownerId) }, "owner"],
      [{ cookie: member.cookie }, "member"],
      [{ authorization: `Bearer ${key}` }, null],
    ];
    for (const [headers, role] of callers) {
      const response = await callRoute(getProject, { params: { projectId: project.id }, headers });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: project.id, name: project.name, timezone: "UTC", role, createdAt: project.createdAt });
    }
  });

  it("renames a project for its owner", async () => {
    const project = await createTestProject();
    const cookie = await sessionCookie(project.ownerId);
    const renamed = await callRoute(updateProject, { method: "PATCH", params: { projectId: project.id }, headers: { cookie }, body: { name: " Renamed " } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ id: project.id, name: "Renamed", timezone: "UTC", role: "owner", createdAt: project.createdAt });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe("Renamed");

    const fetched = await callRoute(getProject, { params: { projectId: project.id }, headers: { cookie } });
    expect(fetched.body.name).toBe("Renamed");
  });

  it("refuses a rename by a member with 403 and keeps the name", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const response = await callRoute(updateProject, { method: "PATCH", params: { projectId: project.id }, headers: { cookie: member.cookie }, body: { name: "Hijacked" } });
    expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: { error: { code: "forbidden", message: "Only project owners can do this" } } });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe(project.name);
  });
});

describe("the project's time zone", () => {
  const patch = (projectId: string, cookie: string, body: unknown) => callRoute(updateProject, { method: "PATCH", params: { projectId }, headers: { cookie }, body });
  const invalid = (details: unknown) => ({ error: { code: "validation_failed", message: "The request is not valid", details } });

  it("is UTC at first, and an owner sets it to any IANA zone; GET shows it", async () => {
    const project = await createTestProject();
    const cookie = await sessionCookie(project.ownerId);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).timezone).toBe("UTC");
    for (const timezone of ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC"]) {
      const response = await patch(project.id, cookie, { timezone });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: { id: project.id, name: project.name, timezone, role: "owner", createdAt: project.createdAt },
      });
      expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).timezone).toBe(timezone);
    }
    await patch(project.id, cookie, { timezone: "Australia/Sydney" });
    const fetched = await callRoute(getProject, { params: { projectId: project.id }, headers: { cookie } });
    expect(fetched.body).toMatchObject({ name: project.name, timezone: "Australia/Sydney" });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ["an unknown zone", { timezone: "Mars/Olympus_Mons" }, [{ path: "timezone", message: "Unknown IANA time zone" }]],
    ["an offset instead of a zone", { timezone: "GMT+25" }, [{ path: "timezone", message: "Unknown IANA time zone" }]],
    ["a zone that is not text", { timezone: 2 }, [{ path: "timezone", message: "Invalid input: expected string, received number" }]],
    ["neither a name nor a zone", {}, [{ path: "", message: "Send a name or a timezone" }]],
  ])("refuses %s with 422 and the field's path, and keeps the zone", async (_label, body, details) => {
    const project = await createTestProject();
    const cookie = await sessionCookie(project.ownerId);
    await patch(project.id, cookie, { timezone: "Asia/Tokyo" });
    const response = await patch(project.id, cookie, body);
    expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: invalid(details) });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).timezone).toBe("Asia/Tokyo");
  });

  it("refuses a member with 403 and keeps the zone", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const response = await patch(project.id, member.cookie, { timezone: "Europe/Paris" });
    expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: { error: { code: "forbidden", message: "Only project owners can do this" } } });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).timezone).toBe("UTC");
  });
});
