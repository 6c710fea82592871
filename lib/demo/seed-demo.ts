import "server-only";
import { randomBytes } from "node:crypto";
import { deriveJsonSchema } from "@/lib/app-events/derive-json-schema";
import { hashPassword } from "@/lib/auth/password";
import { db, type TransactionClient } from "@/lib/db/client";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { deployedTriggerColumns } from "@/lib/workflows/deployed-trigger";

export const DEMO_EMAIL = "demo@switchyard.local";

/** The seed's example: "Contact Created", with the reference product's example payload. */
export const DEMO_EVENT_EXAMPLE = { name: "Brandon", email: "brandon@example.com" };

/**
 * On a fresh database (no builders yet) creates the demo builder and project with a signing key, the App
 * Event "Contact Created" and one deployed workflow on it enabled for every user, and returns the
 * credentials to print once. Returns null when the database already has builders.
 */
export async function seedDemoIfFresh(): Promise<{ email: string; password: string; projectId: string } | null> {
  if ((await db.builder.count()) > 0) return null;
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  const seeded = await db.$transaction(async (tx) => {
    // Two supervisors starting on one fresh database: the second waits here, then sees the first's demo.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchyard:seed-demo'))`;
    if ((await tx.builder.count()) > 0) return null;
    const builder = await tx.builder.create({
      data: { email: DEMO_EMAIL, name: "Demo Builder", passwordHash },
      select: { id: true },
    });
    const project = await tx.project.create({
      data: { name: "Demo project", isDemo: true, memberships: { create: { builderId: builder.id, role: "owner" } } },
      select: { id: true },
    });
    await generateSigningKey({ projectId: project.id, name: "Demo key", createdById: builder.id, keepEncryptedPrivateKey: true, tx });
    await seedDemoWorkflow(tx, { projectId: project.id, builderId: builder.id });
    return { projectId: project.id };
  });
  if (!seeded) return null;
  return { email: DEMO_EMAIL, password, projectId: seeded.projectId };
}

async function seedDemoWorkflow(tx: TransactionClient, options: { projectId: string; builderId: string }): Promise<void> {
  const event = await tx.appEvent.create({
    data: { projectId: options.projectId, name: "Contact Created", example: DEMO_EVENT_EXAMPLE, jsonSchema: deriveJsonSchema(DEMO_EVENT_EXAMPLE) },
    select: { id: true },
  });
  const graph: TWorkflowGraph = {
    trigger: { type: "app_event", appEventId: event.id },
    steps: [
      {
        id: "map_contact",
        name: "Map the contact",
        type: "function",
        continueOnFailure: false,
        config: {
          code: [
            "function (params, context) {",
            "  const [firstName, ...rest] = String(params.name).split(' ');",
            "  return { firstName, lastName: rest.join(' '), email: String(params.email).toLowerCase(), user: context.user.id };",
            "}",
          ].join("\n"),
          params: [
            { key: "name", value: "{{trigger.payload.name}}" },
            { key: "email", value: "{{trigger.payload.email}}" },
          ],
        },
      },
    ],
    edges: [{ id: "trigger-map_contact", source: "trigger", target: "map_contact" }],
  };
  const workflow = await tx.workflow.create({
    data: { projectId: options.projectId, name: "Sync new contacts", description: "Maps each new contact for the CRM.", draft: graph, enabledForAllUsers: true },
    select: { id: true },
  });
  const version = await tx.workflowVersion.create({
    data: { projectId: options.projectId, workflowId: workflow.id, version: 1, graph, createdById: options.builderId },
    select: { id: true },
  });
  await tx.workflow.update({
    where: { id: workflow.id },
    data: { deployedVersionId: version.id, ...deployedTriggerColumns(workflow.id, graph.trigger) },
  });
}
