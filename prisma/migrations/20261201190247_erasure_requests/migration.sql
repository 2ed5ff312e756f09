-- CreateEnum
CREATE TYPE "ErasureState" AS ENUM ('QUEUED', 'RUNNING', 'VERIFIED', 'FAILED');

-- CreateEnum
CREATE TYPE "ErasureSubjectKind" AS ENUM ('EXTERNAL_USER_ID', 'EMAIL');

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "requestedById" TEXT,
    "filedByStaffId" TEXT,
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "state" "ErasureState" NOT NULL DEFAULT 'QUEUED',
    "requestedCount" INTEGER NOT NULL,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "matchedCount" INTEGER,
    "unknownCount" INTEGER,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ErasureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureSubject" (
    "requestId" TEXT NOT NULL,
    "kind" "ErasureSubjectKind" NOT NULL,
    "hash" TEXT NOT NULL,
    "matched" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ErasureSubject_pkey" PRIMARY KEY ("requestId","kind","hash")
);

-- CreateTable
CREATE TABLE "ErasureRegionReceipt" (
    "requestId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "matchedKeys" INTEGER,
    "erasedAt" TIMESTAMP(3),
    "refreshedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),

    CONSTRAINT "ErasureRegionReceipt_pkey" PRIMARY KEY ("requestId","region")
);

-- CreateIndex
CREATE INDEX "ErasureRequest_organizationId_createdAt_idx" ON "ErasureRequest"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_state_createdAt_idx" ON "ErasureRequest"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ErasureRequest_organizationId_idempotencyKey_key" ON "ErasureRequest"("organizationId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_organizationId_workspaceId_fkey" FOREIGN KEY ("organizationId", "workspaceId") REFERENCES "Workspace"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureSubject" ADD CONSTRAINT "ErasureSubject_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ErasureRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureRegionReceipt" ADD CONSTRAINT "ErasureRegionReceipt_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ErasureRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Bounds shared with lib/limits.ts (lib/limits.test.ts reads them back).
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_requested_count_range" CHECK ("requestedCount" >= 1 AND "requestedCount" <= 100000);
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_idempotency_key_length" CHECK (length("idempotencyKey") <= 200);
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_source_known" CHECK ("source" IN ('FORM', 'CSV', 'API', 'CONSOLE'));
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_counts_add_up" CHECK ("matchedCount" IS NULL OR "unknownCount" IS NULL OR "matchedCount" + "unknownCount" = "requestedCount");
-- A subject is stored only as the SHA-256 (hex) of its normalised identifier.
ALTER TABLE "ErasureSubject" ADD CONSTRAINT "ErasureSubject_hash_is_sha256" CHECK ("hash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "ErasureRegionReceipt" ADD CONSTRAINT "ErasureRegionReceipt_role_known" CHECK ("role" IN ('PRIMARY', 'REPLICA'));
