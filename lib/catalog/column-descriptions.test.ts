import { describe, expect, it } from "vitest";
import { catalogDatasets } from "./catalog-data";
import { withCatalogDescriptions } from "./column-descriptions";
import type { DatasetSchema } from "./schema-preview.schema";

describe("catalog column descriptions", () => {
  const columns = catalogDatasets.flatMap((d) =>
    d.tables.flatMap((t) => t.columns.map((c) => ({ table: t.name, ...c }))),
  );

  it("describe every column of every table in a sentence of its own", () => {
    expect(columns.length).toBe(350);
    const weak = columns.filter(
      (c) =>
        typeof c.description !== "string" ||
        c.description.trim().length < 20 ||
        c.description.length > 400 ||
        c.description.toUpperCase() === c.name,
    );
    expect(weak.map((c) => `${c.table}.${c.name}`)).toEqual([]);
  });

  it("never use the word PII: a lake COMMENT containing it marks the column PII (fetch-dataset-schema.ts)", () => {
    expect(columns.filter((c) => /\bPII\b/i.test(c.description)).map((c) => `${c.table}.${c.name}`)).toEqual([]);
  });

  it("say the unit of every epoch time column", () => {
    const times = columns.filter((c) => c.name === "TIME");
    expect(times.length).toBe(15);
    expect(times.filter((c) => !/Unix epoch .*seconds/.test(c.description))).toEqual([]);
  });

  it("override what the lake says for known columns and keep a lake COMMENT for unknown ones", () => {
    const schema: DatasetSchema = {
      datasetKey: "messaging-email",
      region: "AWS_US_EAST_1",
      fetchedAt: "2026-01-01T00:00:00.000Z",
      views: [
        {
          name: "USERS_MESSAGES_EMAIL_SEND_SHARED",
          baseTable: "USERS_MESSAGES_EMAIL_SEND",
          containsPii: false,
          description: null,
          rowCount: null,
          bytes: null,
          lastAltered: null,
          columns: [
            { name: "TIME", type: "NUMBER(38,0)", nullable: true, pii: false, description: null },
            {
              name: "EXTRA_COLUMN",
              type: "VARCHAR(16777216)",
              nullable: true,
              pii: false,
              description: "Added in the lake",
            },
          ],
        },
      ],
    };
    const described = withCatalogDescriptions(schema).views[0].columns;
    expect(described[0].description).toMatch(/^When the email was sent, as a Unix epoch timestamp in seconds/);
    expect(described[1].description).toBe("Added in the lake");
  });
});
