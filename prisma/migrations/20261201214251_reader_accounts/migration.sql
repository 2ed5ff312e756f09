-- CreateEnum
CREATE TYPE "ConsumerKind" AS ENUM ('OWN_ACCOUNT', 'READER_ACCOUNT');

-- AlterTable
ALTER TABLE "ShareRequest" ADD COLUMN     "consumerKind" "ConsumerKind" NOT NULL DEFAULT 'OWN_ACCOUNT';

-- CreateTable
CREATE TABLE "ReaderAccount" (
    "requestId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "adminName" TEXT NOT NULL,
    "locator" TEXT,
    "url" TEXT,
    "passwordCiphertext" TEXT,
    "linkTokenHash" TEXT,
    "linkExpiresAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "droppedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReaderAccount_pkey" PRIMARY KEY ("requestId")
);

-- CreateIndex
CREATE INDEX "ReaderAccount_organizationId_idx" ON "ReaderAccount"("organizationId");

-- CreateIndex
CREATE INDEX "ReaderAccount_linkTokenHash_idx" ON "ReaderAccount"("linkTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ReaderAccount_accountName_key" ON "ReaderAccount"("accountName");

-- AddForeignKey
ALTER TABLE "ReaderAccount" ADD CONSTRAINT "ReaderAccount_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ShareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A reader request names no account the brand typed: its consumerAccount is the Floe-chosen ORG.FLOE_R_<10 hex>
-- (lib/reader-accounts/reader-account-name.ts) and it has no locator; an own-account request always has an identifier
-- and never a FLOE_R_ name (so a typed identifier cannot pose as a Floe-hosted account).
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_consumer_kind_check" CHECK (
  ("consumerKind" = 'READER_ACCOUNT' AND "consumerLocator" IS NULL
     AND "consumerAccount" ~ '^[A-Z][A-Z0-9_]{0,254}\.FLOE_R_[0-9A-F]{10}$')
  OR ("consumerKind" = 'OWN_ACCOUNT' AND length("consumerAccount") > 0
     AND "consumerAccount" !~ '\.FLOE_R_[0-9A-F]{10}$')
);

-- Same rules as lib/limits.ts (READER_ACCOUNT_NAME_PATTERN, READER_ADMIN_NAME_PATTERN); a delivered link leaves
-- neither the password nor a usable token behind.
ALTER TABLE "ReaderAccount" ADD CONSTRAINT "ReaderAccount_names_check" CHECK (
  "accountName" ~ '^FLOE_R_[0-9A-F]{10}$' AND "adminName" ~ '^[A-Z][A-Z0-9_]{0,63}$'
);
ALTER TABLE "ReaderAccount" ADD CONSTRAINT "ReaderAccount_delivered_check" CHECK (
  "deliveredAt" IS NULL OR ("passwordCiphertext" IS NULL AND "linkTokenHash" IS NULL)
);
ALTER TABLE "ReaderAccount" ADD CONSTRAINT "ReaderAccount_link_check" CHECK (
  ("linkTokenHash" IS NULL) = ("linkExpiresAt" IS NULL)
);
