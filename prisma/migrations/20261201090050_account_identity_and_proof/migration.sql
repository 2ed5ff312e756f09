-- CreateEnum
CREATE TYPE "AccountProofMethod" AS ENUM ('CODE', 'WAIVED');

-- AlterEnum
-- AFTER: the enum's order in the database matches schema.prisma (the drift check compares both).
ALTER TYPE "RequestState" ADD VALUE 'AWAITING_PROOF' AFTER 'PROVISIONING';

-- AlterTable
ALTER TABLE "ShareRequest" ADD COLUMN     "consumerLocator" TEXT;

-- CreateTable
CREATE TABLE "AccountProofChallenge" (
    "requestId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "AccountProofChallenge_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "ConsumerAccountProof" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "consumerAccount" TEXT NOT NULL,
    "consumerRegion" TEXT NOT NULL,
    "method" "AccountProofMethod" NOT NULL,
    "reason" TEXT,
    "actorId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsumerAccountProof_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsumerAccountProof_organizationId_consumerAccount_consume_key" ON "ConsumerAccountProof"("organizationId", "consumerAccount", "consumerRegion");

-- CreateIndex
CREATE INDEX "ShareRequest_organizationId_consumerRegion_consumerAccount_idx" ON "ShareRequest"("organizationId", "consumerRegion", "consumerAccount");

-- CreateIndex
CREATE INDEX "ShareRequest_organizationId_consumerRegion_consumerLocator_idx" ON "ShareRequest"("organizationId", "consumerRegion", "consumerLocator");

-- AddForeignKey
ALTER TABLE "AccountProofChallenge" ADD CONSTRAINT "AccountProofChallenge_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ShareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerAccountProof" ADD CONSTRAINT "ConsumerAccountProof_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written constraints (Prisma cannot express them); they agree with lib/snowflake/account-identifier.ts
-- (locators: letters then digits, at most 20) and lib/requests/account-proof.ts (hash, attempt limit, reason).
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_consumer_locator_format" CHECK ("consumerLocator" IS NULL OR ("consumerLocator" ~ '^[A-Z]{1,4}[0-9][A-Z0-9]*$' AND length("consumerLocator") <= 20));
ALTER TABLE "AccountProofChallenge" ADD CONSTRAINT "AccountProofChallenge_hash_format" CHECK ("codeHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "AccountProofChallenge" ADD CONSTRAINT "AccountProofChallenge_attempts_range" CHECK ("failedAttempts" BETWEEN 0 AND 1000);
ALTER TABLE "ConsumerAccountProof" ADD CONSTRAINT "ConsumerAccountProof_account_format" CHECK ("consumerAccount" ~ '^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)?$' AND length("consumerAccount") <= 288);
ALTER TABLE "ConsumerAccountProof" ADD CONSTRAINT "ConsumerAccountProof_waiver_has_reason" CHECK ("method" <> 'WAIVED' OR ("reason" IS NOT NULL AND length(btrim("reason")) BETWEEN 1 AND 1000));
