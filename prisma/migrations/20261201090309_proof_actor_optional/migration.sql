-- AlterTable
ALTER TABLE "ConsumerAccountProof" ALTER COLUMN "actorId" DROP NOT NULL,
ALTER COLUMN "requestId" DROP NOT NULL;

