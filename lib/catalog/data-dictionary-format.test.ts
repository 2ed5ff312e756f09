import { describe, expect, it } from "vitest";
import { dataDictionaryCsv, dataDictionaryJson, dataDictionaryRows } from "./data-dictionary-format";
import type { DatasetSchema } from "./schema-preview.schema";

describe("data dictionary format", () => {
  const schema: DatasetSchema = {
    datasetKey: "messaging-email",
    region: "AWS_US_EAST_1",
    fetchedAt: "2026-01-01T00:00:00.000Z",
    views: [
      {
        name: "V_SHARED",
        baseTable: "V",
        containsPii: false,
        description: null,
        rowCount: 1,
        bytes: 1,
        lastAltered: null,
        columns: [
          { name: "TIME", type: "NUMBER(38,0)", nullable: false, pii: false, description: "Unix time, in seconds" },
          {
            name: "EMAIL_ADDRESS",
            type: "VARCHAR(16777216)",
            nullable: true,
            pii: true,
            description: '=cmd|"/c calc"!A1',
          },
        ],
      },
    ],
  };

  it("writes one escaped line per column", () => {
    const csv = dataDictionaryCsv(dataDictionaryRows(schema));
    expect(csv.split("\r\n")).toEqual([
      "dataset,view,column,type,nullable,pii,description",
      'messaging-email,V_SHARED,TIME,"NUMBER(38,0)",false,false,"Unix time, in seconds"',
      'messaging-email,V_SHARED,EMAIL_ADDRESS,VARCHAR(16777216),true,true,"\'=cmd|""/c calc""!A1"',
      "",
    ]);
  });

  it("writes JSON with the same rows", () => {
    const json = JSON.parse(
      dataDictionaryJson(
        { datasetKey: "messaging-email", title: "Email", region: "AWS_US_EAST_1", fetchedAt: schema.fetchedAt },
        dataDictionaryRows(schema),
      ),
    );
    expect(json.columns).toHaveLength(2);
    expect(json.columns[1]).toEqual({
      dataset: "messaging-email",
      view: "V_SHARED",
      column: "EMAIL_ADDRESS",
      type: "VARCHAR(16777216)",
      nullable: true,
      pii: true,
      description: '=cmd|"/c calc"!A1',
    });
  });
});
