-- AlterTable
ALTER TABLE "ErasureRegionReceipt" ADD COLUMN     "consumerSharesUnverifiable" INTEGER,
ADD COLUMN     "consumerSharesVerified" INTEGER;


-- Counts of shares, never negative (lib/erasure/erasure-consumer-verify.ts).
ALTER TABLE "ErasureRegionReceipt" ADD CONSTRAINT "ErasureRegionReceipt_consumer_counts_check"
  CHECK (("consumerSharesVerified" IS NULL OR "consumerSharesVerified" >= 0)
     AND ("consumerSharesUnverifiable" IS NULL OR "consumerSharesUnverifiable" >= 0));
