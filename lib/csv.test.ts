import { describe, expect, it } from "vitest";
import { csvCell, csvRow, toCsv } from "@/lib/csv";
import { dataDictionaryCsv } from "@/lib/catalog/data-dictionary-format";

// One CSV writer for every export (audit log, data dictionary), one formula rule (OWASP "CSV injection"):
// a cell whose first non-blank character is = + - @, or that starts with a tab or carriage return, is run
// by spreadsheets as a formula, so it gets a leading apostrophe.

const formulaPayloads = [
  "=1+1",
  "+SUM(A1)",
  "-2+3",
  "@cmd",
  "\t=x",
  "\r=x",
  '  =HYPERLINK("http://evil")',
  " +1",
  "\u00a0=1",
  "\n=1",
  " \t@x",
];

describe("csvCell", () => {
  it("quotes separators, quotes, line breaks and edge spaces (RFC 4180), and nothing else", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("NUMBER(38,0)")).toBe('"NUMBER(38,0)"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rlf")).toBe('"cr\rlf"');
    expect(csvCell(" padded")).toBe('" padded"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(3)).toBe("3");
  });

  it("defuses every cell a spreadsheet would run as a formula, leading whitespace included", () => {
    for (const payload of formulaPayloads) {
      const cell = csvCell(payload);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted, JSON.stringify(payload)).toBe(`'${payload}`);
    }
    expect(csvCell("a=1")).toBe("a=1");
    expect(csvCell("user@example.com")).toBe("user@example.com");
  });

  it("writes dates as ISO and objects as JSON, whose text is checked too", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell({ reason: "x" })).toBe('"{""reason"":""x""}"');
    expect(csvCell(-5)).toBe("'-5");
  });
});

describe("rows", () => {
  it("ends every row with CRLF", () => {
    expect(csvRow(["a", 'say "hi"', 3, null])).toBe('a,"say ""hi""",3,\r\n');
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe("every export uses the same rule", () => {
  it("the data dictionary defuses a description that starts with spaces and then =", () => {
    const csv = dataDictionaryCsv([
      {
        dataset: "d",
        view: "V",
        column: "C",
        type: "VARCHAR",
        nullable: true,
        pii: false,
        description: "  =cmd|' /C calc'!A0",
      },
    ]);
    expect(csv.split("\r\n")[1]).toBe("d,V,C,VARCHAR,true,false,'  =cmd|' /C calc'!A0");
  });
});
