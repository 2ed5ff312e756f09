import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";
import { dataDictionaryCsv, dataDictionaryJson, dataDictionaryRows } from "./data-dictionary-format";
import type { DatasetSchema } from "./schema-preview.schema";

describe("csvCell", () => {
  it("quotes separators, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("NUMBER(38,0)")).toBe('"NUMBER(38,0)"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rlf")).toBe('"cr\rlf"');
    expect(csvCell(" padded")).toBe('" padded"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell("a=1")).toBe("a=1");
  });

  it("joins rows with CRLF and ends with one", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

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
          { name: "EMAIL_ADDRESS", type: "VARCHAR(16777216)", nullable: true, pii: true, description: '=cmd|"/c calc"!A1' },
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
    const json = JSON.parse(dataDictionaryJson({ datasetKey: "messaging-email", title: "Email", region: "AWS_US_EAST_1", fetchedAt: schema.fetchedAt }, dataDictionaryRows(schema)));
    expect(json.columns).toHaveLength(2);
    expect(json.columns[1]).toEqual({ dataset: "messaging-email", view: "V_SHARED", column: "EMAIL_ADDRESS", type: "VARCHAR(16777216)", nullable: true, pii: true, description: '=cmd|"/c calc"!A1' });
  });
});
