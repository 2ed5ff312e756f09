-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimitBucket_expiresAt_idx" ON "RateLimitBucket"("expiresAt");


-- Hand-written: bounds that lib/limits.ts states for the zod schemas (lib/limits.test.ts checks they agree).
ALTER TABLE "RateLimitBucket" ADD CONSTRAINT "RateLimitBucket_key_length" CHECK (length("key") <= 300);
ALTER TABLE "RateLimitBucket" ADD CONSTRAINT "RateLimitBucket_count_positive" CHECK ("count" >= 1);
-- next-auth's magic-link identifier is the normalised e-mail address.
ALTER TABLE "VerificationToken" ADD CONSTRAINT "VerificationToken_identifier_length" CHECK (length("identifier") <= 254);
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_decision_reason_length" CHECK ("decisionReason" IS NULL OR length("decisionReason") <= 1000);
