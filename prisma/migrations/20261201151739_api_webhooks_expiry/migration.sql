-- CreateEnum
CREATE TYPE "WebhookDeliveryState" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateEnum
CREATE TYPE "RenewalState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "ShareRequest" ADD COLUMN     "endsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayPrefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" "WebhookDeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareRenewal" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "previousEndsAt" TIMESTAMP(3),
    "requestedEndsAt" TIMESTAMP(3) NOT NULL,
    "state" "RenewalState" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareRenewal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareExpiryReminder" (
    "requestId" TEXT NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "daysBefore" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareExpiryReminder_pkey" PRIMARY KEY ("requestId","endsAt","daysBefore")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organizationId_createdAt_idx" ON "ApiToken"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_organizationId_idx" ON "WebhookEndpoint"("organizationId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_state_nextAttemptAt_idx" ON "WebhookDelivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "ShareRenewal_requestId_createdAt_idx" ON "ShareRenewal"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "ShareRenewal_state_createdAt_idx" ON "ShareRenewal"("state", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareRenewal" ADD CONSTRAINT "ShareRenewal_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ShareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareExpiryReminder" ADD CONSTRAINT "ShareExpiryReminder_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ShareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Bounds shared with lib/limits.ts (lib/limits.test.ts reads them back).
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_name_length" CHECK (length(btrim("name")) BETWEEN 1 AND 100);
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_scopes_known" CHECK (
  cardinality("scopes") >= 1 AND "scopes" <@ ARRAY['read', 'requests:write', 'erasures:write']::text[]);
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_hash_format" CHECK ("tokenHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_url_length" CHECK (length("url") <= 2000);
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_description_length" CHECK (length("description") <= 200);
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_event_format" CHECK ("event" ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$');
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_attempts_range" CHECK ("attempts" >= 0);
ALTER TABLE "ShareRenewal" ADD CONSTRAINT "ShareRenewal_reason_length" CHECK (length("decisionReason") <= 1000);

-- Signed webhooks on request state changes: every writer of ShareRequest.state (lib/requests' commands, the
-- run executor, any worker) queues a `request.state_changed` delivery for each enabled endpoint of the
-- request's organisation that subscribes to it, in the writer's own transaction — so an event exists if and
-- only if the change committed, and no writer can forget it. The worker signs and posts the rows
-- (lib/webhooks/deliver-webhooks.ts). The body carries ids and states only, like the status notification.
CREATE FUNCTION "floe_request_state_webhook"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  body text;
  at timestamp := (now() AT TIME ZONE 'UTC');
BEGIN
  body := json_build_object(
    'type', 'request.state_changed',
    'createdAt', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', json_build_object(
      'requestId', NEW."id",
      'organization', (SELECT o."slug" FROM "Organization" o WHERE o."id" = NEW."organizationId"),
      'from', CASE WHEN TG_OP = 'UPDATE' THEN OLD."state"::text END,
      'to', NEW."state"::text,
      'failureStepKey', NEW."failureStepKey",
      'endsAt', to_char(NEW."endsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    )
  )::text;
  INSERT INTO "WebhookDelivery" ("id", "endpointId", "event", "body", "nextAttemptAt", "createdAt")
  SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), e."id", 'request.state_changed', body, at, at
  FROM "WebhookEndpoint" e
  WHERE e."organizationId" = NEW."organizationId" AND e."enabled"
    AND (cardinality(e."events") = 0 OR 'request.state_changed' = ANY (e."events"));
  RETURN NULL;
END
$$;

CREATE TRIGGER "ShareRequest_state_webhook" AFTER UPDATE ON "ShareRequest"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state") EXECUTE FUNCTION "floe_request_state_webhook"();

CREATE TRIGGER "ShareRequest_created_webhook" AFTER INSERT ON "ShareRequest"
  FOR EACH ROW EXECUTE FUNCTION "floe_request_state_webhook"();

-- CreateIndex (the expiry sweep and reminders read active shares by end date)
CREATE INDEX "ShareRequest_state_endsAt_idx" ON "ShareRequest"("state", "endsAt");
