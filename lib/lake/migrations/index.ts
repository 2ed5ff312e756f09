// Every lake migration, in version order. Add a new one at the end with the next number; never edit one
// that has shipped (lake:migrate refuses to run when an applied migration's checksum changed). The
// migrations read the catalog (lib/catalog/engagement-lake.json), so a catalog change that alters the lake
// needs a new migration too.
import { initialLake } from "./0001-initial-lake";
import { shareBoundary } from "./0002-share-boundary";
import { columnDescriptions } from "./0003-column-descriptions";
import { ingestPipeline } from "./0005-ingest-pipeline";
import { secureFunctionsMigration } from "./0006-secure-functions";
import { identityLayout } from "./0007-identity-layout";
import type { LakeMigration } from "./types";

export const lakeMigrations: readonly LakeMigration[] = [
  initialLake,
  shareBoundary,
  columnDescriptions,
  ingestPipeline,
  secureFunctionsMigration,
  identityLayout,
];

export const latestLakeVersion = lakeMigrations[lakeMigrations.length - 1].version;
