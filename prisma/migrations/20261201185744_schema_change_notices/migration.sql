-- CreateEnum
CREATE TYPE "SchemaChangeKind" AS ENUM ('ADD_COLUMN', 'REMOVE_COLUMN', 'CHANGE_TYPE', 'RENAME_COLUMN');

-- CreateEnum
CREATE TYPE "SchemaChangeClassification" AS ENUM ('ADDITIVE', 'BREAKING');

-- CreateTable
CREATE TABLE "SchemaChangeNotice" (
    "id" TEXT NOT NULL,
    "migrationVersion" INTEGER NOT NULL,
    "migrationName" TEXT NOT NULL,
    "datasetKey" TEXT NOT NULL,
    "viewName" TEXT NOT NULL,
    "piiViewOnly" BOOLEAN NOT NULL DEFAULT false,
    "columnName" TEXT NOT NULL,
    "kind" "SchemaChangeKind" NOT NULL,
    "classification" "SchemaChangeClassification" NOT NULL,
    "description" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "SchemaChangeNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchemaChangeNotification" (
    "migrationVersion" INTEGER NOT NULL,
    "organizationId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchemaChangeNotification_pkey" PRIMARY KEY ("migrationVersion","organizationId","phase")
);

-- CreateIndex
CREATE INDEX "SchemaChangeNotice_datasetKey_announcedAt_idx" ON "SchemaChangeNotice"("datasetKey", "announcedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SchemaChangeNotice_migrationVersion_datasetKey_viewName_col_key" ON "SchemaChangeNotice"("migrationVersion", "datasetKey", "viewName", "columnName");


-- A breaking change is never effective before it was announced; the phases are the two the code writes.
ALTER TABLE "SchemaChangeNotice" ADD CONSTRAINT "SchemaChangeNotice_effective_after_announced" CHECK ("effectiveAt" >= "announcedAt");
ALTER TABLE "SchemaChangeNotification" ADD CONSTRAINT "SchemaChangeNotification_phase_check" CHECK ("phase" IN ('ANNOUNCED', 'APPLIED'));
