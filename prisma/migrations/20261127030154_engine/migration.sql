-- CreateEnum
CREATE TYPE "ValidationMode" AS ENUM ('off', 'warn', 'reject');

-- CreateEnum
CREATE TYPE "TriggerType" AS ENUM ('app_event', 'schedule', 'webhook', 'request');

-- CreateEnum
CREATE TYPE "VersionKind" AS ENUM ('deployed', 'test');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "StepRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "concurrencyLimit" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "WorkerHeartbeat" ADD COLUMN     "jobWorkerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "AppEvent" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "example" JSONB NOT NULL,
    "jsonSchema" JSONB NOT NULL,
    "validationMode" "ValidationMode" NOT NULL DEFAULT 'off',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AppEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workflow" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "draft" JSONB NOT NULL,
    "draftRevision" INTEGER NOT NULL DEFAULT 1,
    "enabledForAllUsers" BOOLEAN NOT NULL DEFAULT false,
    "deployedVersionId" UUID,
    "triggerType" "TriggerType",
    "triggerAppEventId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Workflow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowVersion" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "kind" "VersionKind" NOT NULL DEFAULT 'deployed',
    "version" INTEGER NOT NULL,
    "graph" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectedUser" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectedUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowActivation" (
    "projectId" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "connectedUserId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkflowActivation_pkey" PRIMARY KEY ("workflowId","connectedUserId")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "workflowVersionId" UUID NOT NULL,
    "connectedUserId" UUID,
    "triggerType" "TriggerType" NOT NULL,
    "triggerRef" TEXT,
    "input" JSONB NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "replayOfRunId" UUID,
    "output" JSONB,
    "error" JSONB,
    "resumeAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepRun" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "lane" TEXT NOT NULL DEFAULT '',
    "attempt" INTEGER NOT NULL,
    "status" "StepRunStatus" NOT NULL,
    "input" JSONB,
    "output" JSONB,
    "error" JSONB,
    "logs" JSONB,
    "retryAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "StepRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDestination" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "encryptedSecret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "disabledAt" TIMESTAMPTZ(3),
    "lastDeliveryAt" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationDestination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppEvent_projectId_name_key" ON "AppEvent"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Workflow_deployedVersionId_key" ON "Workflow"("deployedVersionId");

-- CreateIndex
CREATE INDEX "Workflow_projectId_triggerType_triggerAppEventId_idx" ON "Workflow"("projectId", "triggerType", "triggerAppEventId");

-- CreateIndex
CREATE INDEX "WorkflowVersion_workflowId_kind_version_idx" ON "WorkflowVersion"("workflowId", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectedUser_projectId_externalId_key" ON "ConnectedUser"("projectId", "externalId");

-- CreateIndex
CREATE INDEX "WorkflowActivation_projectId_connectedUserId_idx" ON "WorkflowActivation"("projectId", "connectedUserId");

-- CreateIndex
CREATE INDEX "Run_projectId_createdAt_id_idx" ON "Run"("projectId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Run_projectId_workflowId_createdAt_idx" ON "Run"("projectId", "workflowId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Run_projectId_status_idx" ON "Run"("projectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "StepRun_runId_stepId_lane_attempt_key" ON "StepRun"("runId", "stepId", "lane", "attempt");

-- CreateIndex
CREATE INDEX "NotificationDestination_projectId_idx" ON "NotificationDestination"("projectId");

-- AddForeignKey
ALTER TABLE "AppEvent" ADD CONSTRAINT "AppEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workflow" ADD CONSTRAINT "Workflow_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workflow" ADD CONSTRAINT "Workflow_deployedVersionId_fkey" FOREIGN KEY ("deployedVersionId") REFERENCES "WorkflowVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowVersion" ADD CONSTRAINT "WorkflowVersion_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectedUser" ADD CONSTRAINT "ConnectedUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowActivation" ADD CONSTRAINT "WorkflowActivation_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowActivation" ADD CONSTRAINT "WorkflowActivation_connectedUserId_fkey" FOREIGN KEY ("connectedUserId") REFERENCES "ConnectedUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_workflowVersionId_fkey" FOREIGN KEY ("workflowVersionId") REFERENCES "WorkflowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_connectedUserId_fkey" FOREIGN KEY ("connectedUserId") REFERENCES "ConnectedUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepRun" ADD CONSTRAINT "StepRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDestination" ADD CONSTRAINT "NotificationDestination_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Deployed version numbers are unique per workflow; test snapshots (version 0) are not numbered.
CREATE UNIQUE INDEX "WorkflowVersion_workflowId_deployed_version_key" ON "WorkflowVersion" ("workflowId", "version") WHERE "kind" = 'deployed';

-- Project concurrency: a run executes only while it holds one of its project's N advisory-lock slots.
-- Tries the slots in order in one round trip; returns the slot taken, or NULL when all are busy.
CREATE FUNCTION switchyard_try_run_slot(slot_key text, slots int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  slot int;
BEGIN
  FOR slot IN 0..slots - 1 LOOP
    IF pg_try_advisory_lock(hashtext(slot_key), slot) THEN
      RETURN slot;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
