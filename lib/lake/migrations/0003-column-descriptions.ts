// Lake migration 3: every secure view's columns carry the catalog's description as their COMMENT (issue 18),
// so a consumer reading the mounted share (DESCRIBE VIEW, INFORMATION_SCHEMA.COLUMNS, Snowsight) sees the
// same data dictionary as Floe's pages and downloads. The views are recreated exactly as migration 2 left
// them (same row access policy, COPY GRANTS keeps every share's SELECT) plus the column list. OR REPLACE:
// running it again converges. The RAW tables keep their 'PII' markers as their only COMMENTs.
import { createDescribedBoundaryView } from "../lake-objects";
import { lakeTables } from "../lake-tables";
import type { LakeMigration } from "./types";

export const columnDescriptions: LakeMigration = {
  version: 3,
  name: "column-descriptions",
  summary: "The secure views' columns carry the catalog's descriptions as COMMENTs (views recreated with COPY GRANTS)",
  statements(t) {
    return lakeTables().flatMap((table) => [
      createDescribedBoundaryView(t, table, false),
      createDescribedBoundaryView(t, table, true),
    ]);
  },
};
