-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "eventRateLimitPerMinute" INTEGER NOT NULL DEFAULT 600000;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "eventId" UUID;

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "appEventId" UUID,
    "name" TEXT NOT NULL,
    "connectedUserId" UUID,
    "payload" JSONB NOT NULL,
    "validation" JSONB,
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "requestHash" TEXT,
    "response" JSONB NOT NULL,
    "repeatCount" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_projectId_receivedAt_id_idx" ON "Event"("projectId", "receivedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Event_projectId_name_receivedAt_idx" ON "Event"("projectId", "name", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "Event_projectId_appEventId_receivedAt_idx" ON "Event"("projectId", "appEventId", "receivedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Event_projectId_idempotencyKey_key" ON "Event"("projectId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ConnectedUser_projectId_createdAt_id_idx" ON "ConnectedUser"("projectId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Run_eventId_idx" ON "Run"("eventId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_appEventId_fkey" FOREIGN KEY ("appEventId") REFERENCES "AppEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

