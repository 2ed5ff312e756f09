-- CreateTable
CREATE TABLE "LakeMigration" (
    "id" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "lakeDatabase" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "LakeMigration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LakeMigration_providerAccountId_version_key" ON "LakeMigration"("providerAccountId", "version");

-- AddForeignKey
ALTER TABLE "LakeMigration" ADD CONSTRAINT "LakeMigration_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: what lib/lake/migrations can produce (versions from 1, a SHA-256 hex checksum, lake names
-- in the generated-name alphabet of lib/snowflake/object-names).
ALTER TABLE "LakeMigration" ADD CONSTRAINT "LakeMigration_version_positive" CHECK ("version" >= 1);
ALTER TABLE "LakeMigration" ADD CONSTRAINT "LakeMigration_checksum_format" CHECK ("checksum" ~ '^[0-9a-f]{64}$');
ALTER TABLE "LakeMigration" ADD CONSTRAINT "LakeMigration_name_format" CHECK ("name" ~ '^[a-z0-9][a-z0-9-]{0,79}$');
ALTER TABLE "LakeMigration" ADD CONSTRAINT "LakeMigration_lake_database_format" CHECK ("lakeDatabase" ~ '^[A-Z][A-Z0-9_]{0,254}$');
ALTER TABLE "LakeMigration" ADD CONSTRAINT "LakeMigration_duration_nonnegative" CHECK ("durationMs" >= 0);
