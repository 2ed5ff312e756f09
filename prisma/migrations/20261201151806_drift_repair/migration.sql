-- AlterEnum
ALTER TYPE "RunKind" ADD VALUE 'REPAIR';

-- AlterTable
ALTER TABLE "Share" ADD COLUMN     "driftAlertedKey" TEXT,
ADD COLUMN     "driftCheckedAt" TIMESTAMP(3),
ADD COLUMN     "driftReport" JSONB;

