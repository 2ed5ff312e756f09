-- CreateEnum
CREATE TYPE "PipelineSampleKind" AS ENUM ('TASK_HISTORY', 'STREAMS', 'REFRESH_HISTORY', 'FRESHNESS');

-- CreateEnum
CREATE TYPE "PipelineAlertRule" AS ENUM ('TASK_FAILING', 'TASK_SUSPENDED', 'STREAM_STALE', 'FRESHNESS_LAG', 'REPLICATION_REFRESH');

-- CreateEnum
CREATE TYPE "PipelineAlertState" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateTable
CREATE TABLE "PipelineSampleRun" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "kind" "PipelineSampleKind" NOT NULL,
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "PipelineSampleRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineTaskRun" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "datasetKey" TEXT,
    "taskName" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "queryId" TEXT,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipelineTaskRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineTaskSample" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "datasetKey" TEXT,
    "taskName" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "suspendedReason" TEXT,
    "measuredAt" TIMESTAMP(3) NOT NULL,
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipelineTaskSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineStreamSample" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "datasetKey" TEXT,
    "streamName" TEXT NOT NULL,
    "stale" BOOLEAN NOT NULL,
    "staleAfter" TIMESTAMP(3),
    "invalidReason" TEXT,
    "measuredAt" TIMESTAMP(3) NOT NULL,
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipelineStreamSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineRefreshSample" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "jobUuid" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "primarySnapshotAt" TIMESTAMP(3),
    "error" TEXT,
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipelineRefreshSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineFreshnessSample" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "lakeDatabase" TEXT NOT NULL,
    "datasetKey" TEXT NOT NULL,
    "lakeWorkspaceId" TEXT NOT NULL,
    "latestEventAt" TIMESTAMP(3),
    "loadedAt" TIMESTAMP(3),
    "measuredAt" TIMESTAMP(3) NOT NULL,
    "lagSeconds" INTEGER,
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipelineFreshnessSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineAlert" (
    "id" TEXT NOT NULL,
    "rule" "PipelineAlertRule" NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "datasetKey" TEXT,
    "state" "PipelineAlertState" NOT NULL DEFAULT 'OPEN',
    "summary" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "PipelineAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareDelayNotice" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "lagSeconds" INTEGER NOT NULL,

    CONSTRAINT "ShareDelayNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PipelineSampleRun_providerAccountId_kind_sampledAt_idx" ON "PipelineSampleRun"("providerAccountId", "kind", "sampledAt");

-- CreateIndex
CREATE INDEX "PipelineSampleRun_sampledAt_idx" ON "PipelineSampleRun"("sampledAt");

-- CreateIndex
CREATE INDEX "PipelineTaskRun_sampledAt_idx" ON "PipelineTaskRun"("sampledAt");

-- CreateIndex
CREATE UNIQUE INDEX "PipelineTaskRun_providerAccountId_taskName_scheduledAt_key" ON "PipelineTaskRun"("providerAccountId", "taskName", "scheduledAt");

-- CreateIndex
CREATE INDEX "PipelineTaskSample_providerAccountId_taskName_sampledAt_idx" ON "PipelineTaskSample"("providerAccountId", "taskName", "sampledAt");

-- CreateIndex
CREATE INDEX "PipelineTaskSample_sampledAt_idx" ON "PipelineTaskSample"("sampledAt");

-- CreateIndex
CREATE INDEX "PipelineStreamSample_providerAccountId_streamName_sampledAt_idx" ON "PipelineStreamSample"("providerAccountId", "streamName", "sampledAt");

-- CreateIndex
CREATE INDEX "PipelineStreamSample_sampledAt_idx" ON "PipelineStreamSample"("sampledAt");

-- CreateIndex
CREATE INDEX "PipelineRefreshSample_providerAccountId_groupName_startedAt_idx" ON "PipelineRefreshSample"("providerAccountId", "groupName", "startedAt");

-- CreateIndex
CREATE INDEX "PipelineRefreshSample_sampledAt_idx" ON "PipelineRefreshSample"("sampledAt");

-- CreateIndex
CREATE UNIQUE INDEX "PipelineRefreshSample_providerAccountId_groupName_jobUuid_key" ON "PipelineRefreshSample"("providerAccountId", "groupName", "jobUuid");

-- CreateIndex
CREATE INDEX "PipelineFreshnessSample_region_lakeDatabase_lakeWorkspaceId_idx" ON "PipelineFreshnessSample"("region", "lakeDatabase", "lakeWorkspaceId", "measuredAt");

-- CreateIndex
CREATE INDEX "PipelineFreshnessSample_region_lakeDatabase_datasetKey_meas_idx" ON "PipelineFreshnessSample"("region", "lakeDatabase", "datasetKey", "measuredAt");

-- CreateIndex
CREATE INDEX "PipelineFreshnessSample_sampledAt_idx" ON "PipelineFreshnessSample"("sampledAt");

-- CreateIndex
CREATE INDEX "PipelineAlert_state_openedAt_idx" ON "PipelineAlert"("state", "openedAt");

-- CreateIndex
CREATE INDEX "PipelineAlert_openedAt_idx" ON "PipelineAlert"("openedAt");

-- CreateIndex
CREATE INDEX "PipelineAlert_providerAccountId_state_idx" ON "PipelineAlert"("providerAccountId", "state");

-- CreateIndex
CREATE INDEX "ShareDelayNotice_organizationId_shareId_openedAt_idx" ON "ShareDelayNotice"("organizationId", "shareId", "openedAt");

-- AddForeignKey
ALTER TABLE "PipelineSampleRun" ADD CONSTRAINT "PipelineSampleRun_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineTaskRun" ADD CONSTRAINT "PipelineTaskRun_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineTaskSample" ADD CONSTRAINT "PipelineTaskSample_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineStreamSample" ADD CONSTRAINT "PipelineStreamSample_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRefreshSample" ADD CONSTRAINT "PipelineRefreshSample_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineFreshnessSample" ADD CONSTRAINT "PipelineFreshnessSample_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineAlert" ADD CONSTRAINT "PipelineAlert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineAlert" ADD CONSTRAINT "PipelineAlert_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareDelayNotice" ADD CONSTRAINT "ShareDelayNotice_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "Share"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareDelayNotice" ADD CONSTRAINT "ShareDelayNotice_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One unresolved alert per (rule, subject): two samplers racing open it once (the loser's insert conflicts).
CREATE UNIQUE INDEX "PipelineAlert_one_open_per_subject" ON "PipelineAlert"("rule", "subject") WHERE "state" <> 'RESOLVED';
-- One open delay notice per share.
CREATE UNIQUE INDEX "ShareDelayNotice_one_open_per_share" ON "ShareDelayNotice"("shareId") WHERE "resolvedAt" IS NULL;
-- The brand's banner reads the open notice of its shares.
CREATE INDEX "ShareDelayNotice_open_by_org" ON "ShareDelayNotice"("organizationId") WHERE "resolvedAt" IS NULL;

-- States carry their timestamps; text fields are bounded like the zod limits (lib/pipeline-health/limits.ts).
ALTER TABLE "PipelineAlert" ADD CONSTRAINT "PipelineAlert_state_times" CHECK (
  ("state" <> 'ACKNOWLEDGED' OR "acknowledgedAt" IS NOT NULL) AND ("state" = 'RESOLVED') = ("resolvedAt" IS NOT NULL));
ALTER TABLE "PipelineAlert" ADD CONSTRAINT "PipelineAlert_subject_length" CHECK (length("subject") BETWEEN 1 AND 600);
ALTER TABLE "PipelineAlert" ADD CONSTRAINT "PipelineAlert_summary_length" CHECK (length("summary") BETWEEN 1 AND 2000);
ALTER TABLE "PipelineTaskRun" ADD CONSTRAINT "PipelineTaskRun_error_length" CHECK ("errorMessage" IS NULL OR length("errorMessage") <= 4000);
ALTER TABLE "PipelineSampleRun" ADD CONSTRAINT "PipelineSampleRun_error_length" CHECK ("error" IS NULL OR length("error") <= 4000);
ALTER TABLE "PipelineRefreshSample" ADD CONSTRAINT "PipelineRefreshSample_error_length" CHECK ("error" IS NULL OR length("error") <= 4000);
ALTER TABLE "ShareDelayNotice" ADD CONSTRAINT "ShareDelayNotice_lag_nonnegative" CHECK ("lagSeconds" >= 0);
