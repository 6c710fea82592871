-- Webhook triggers: endpoints per project and integration, delivery ids for dedupe, connected users' ids in
-- the integrations' systems for routing, and deliveries kept in the Event Log beside App Events.
-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "delivery" JSONB,
ADD COLUMN     "deliveryStatus" TEXT,
ADD COLUMN     "integration" TEXT,
ADD COLUMN     "webhookEndpointId" UUID;

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "integration" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "options" JSONB NOT NULL DEFAULT '{}',
    "secretSealed" TEXT,
    "previousSecretSealed" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDeliveryKey" (
    "projectId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDeliveryKey_pkey" PRIMARY KEY ("projectId","endpointId","deliveryId")
);

-- CreateTable
CREATE TABLE "ConnectedUserProviderId" (
    "projectId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "connectedUserId" UUID NOT NULL,

    CONSTRAINT "ConnectedUserProviderId_pkey" PRIMARY KEY ("projectId","provider","providerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_projectId_integration_name_key" ON "WebhookEndpoint"("projectId", "integration", "name");

-- CreateIndex
CREATE INDEX "WebhookDeliveryKey_receivedAt_idx" ON "WebhookDeliveryKey"("receivedAt");

-- CreateIndex
CREATE INDEX "ConnectedUserProviderId_connectedUserId_idx" ON "ConnectedUserProviderId"("connectedUserId");

-- CreateIndex
CREATE INDEX "Event_projectId_webhookEndpointId_receivedAt_idx" ON "Event"("projectId", "webhookEndpointId", "receivedAt" DESC);

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_webhookEndpointId_fkey" FOREIGN KEY ("webhookEndpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDeliveryKey" ADD CONSTRAINT "WebhookDeliveryKey_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectedUserProviderId" ADD CONSTRAINT "ConnectedUserProviderId_connectedUserId_fkey" FOREIGN KEY ("connectedUserId") REFERENCES "ConnectedUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A deployed webhook workflow listens to "<provider>:<event>" (see lib/workflows/deployed-trigger.ts), where it
-- listened to its own id before webhooks were received.
UPDATE "Workflow" w SET "triggerKey" = CASE
    WHEN v."graph"->'trigger'->'source'->>'kind' = 'custom' THEN 'custom:' || (v."graph"->'trigger'->'source'->>'name') || ':*'
    ELSE (v."graph"->'trigger'->'source'->>'integration') || ':' || coalesce(nullif(v."graph"->'trigger'->'source'->>'event', ''), '*')
  END
FROM "WorkflowVersion" v
WHERE v."id" = w."deployedVersionId" AND w."triggerType" = 'webhook';
