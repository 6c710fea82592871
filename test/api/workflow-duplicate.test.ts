import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as duplicateWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/duplicate/route";
import { db } from "@/lib/db/client";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { deployWorkflow } from "@/lib/workflows/deploy-workflow";
import { DEPLOYABLE_GRAPH } from "@/test/api-helpers";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

const GRAPH = {
  trigger: { type: "request" as const, method: "POST" as const },
  steps: [{ id: "compute", name: "Compute", type: "function" as const, continueOnFailure: false, config: { code: "function () { return 1 }", params: [] } }],
  edges: [{ id: "e1", source: "trigger", target: "compute" }],
};

let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
beforeAll(async () => {
  project = await createTestProject();
  other = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
});

const duplicate = (workflowId: string, body: unknown = {}, projectId = project.id) =>
  callRoute(duplicateWorkflow, { params: { projectId, workflowId }, headers: { cookie }, body });

describe("duplicating a workflow", () => {
  it("copies the draft, description and all-users switch into a new draft named “<name> (copy)”", async () => {
    const original = await createWorkflow({ projectId: project.id, name: "Onboarding", description: "Says hello", graph: GRAPH, enabledForAllUsers: true });
    const response = await duplicate(original.id);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: "Onboarding (copy)",
      description: "Says hello",
      enabledForAllUsers: true,
      state: "draft",
      deployedVersion: null,
      deployedVersionId: null,
      draftRevision: 1,
      graph: GRAPH,
    });
    expect(response.body.id).not.toBe(original.id);
    const row = await db.workflow.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(row).toMatchObject({ projectId: project.id, draft: GRAPH, triggerType: null, deployedVersionId: null });
  });

  it("copies the draft, not the deployed version, and never deploys the copy", async () => {
    const original = await createWorkflow({ projectId: project.id, name: "Deployed", graph: DEPLOYABLE_GRAPH });
    await deployWorkflow({ projectId: project.id, workflowId: original.id, createdById: null });
    await db.workflow.update({ where: { id: original.id }, data: { draft: GRAPH } });
    const response = await duplicate(original.id, { name: "  Second try  " });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: "Second try", graph: GRAPH, state: "draft", deployedVersion: null });
    expect(await db.workflowVersion.count({ where: { workflowId: response.body.id } })).toBe(0);
  });

  it("keeps a long name within 100 characters", async () => {
    const name = "x".repeat(100);
    const original = await createWorkflow({ projectId: project.id, name });
    const response = await duplicate(original.id);
    expect(response.body.name).toBe(`${"x".repeat(93)} (copy)`);
  });

  it("refuses a blank name with 422 and creates nothing", async () => {
    const original = await createWorkflow({ projectId: project.id, name: "Named" });
    const before = await db.workflow.count({ where: { projectId: project.id } });
    const response = await duplicate(original.id, { name: "   " });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [{ path: "name", message: "Enter a name" }]),
    });
    expect(await db.workflow.count({ where: { projectId: project.id } })).toBe(before);
  });

  it.each([
    ["an unknown id", async () => randomUUID()],
    ["another project's workflow", async () => (await createWorkflow({ projectId: other.id, name: "Theirs", graph: GRAPH })).id],
  ])("404 for %s, and creates nothing in either project", async (_label, workflowId) => {
    const id = await workflowId();
    const count = () => db.workflow.count({ where: { projectId: { in: [project.id, other.id] } } });
    const before = await count();
    const response = await duplicate(id);
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", "Workflow not found") });
    expect(await count()).toBe(before);
  });
});
