import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

describe("csv", () => {
  it("quotes every cell and doubles quotes", () => {
    expect(csvRow(["a", 'say "hi"', 3, null])).toBe('"a","say ""hi""","3",""\r\n');
  });

  it("keeps line breaks and commas inside the quoted cell", () => {
    expect(csvCell("one,\ntwo")).toBe('"one,\ntwo"');
  });

  it("neutralises anything a spreadsheet would run as a formula", () => {
    for (const payload of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", "  =HYPERLINK(\"http://evil\")"]) {
      expect(csvCell(payload).startsWith(`"'`)).toBe(true);
    }
    expect(csvCell("plain text")).toBe('"plain text"');
  });

  it("writes dates as ISO and objects as JSON (whose text is also checked)", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe('"2026-01-02T03:04:05.000Z"');
    expect(csvCell({ reason: "x" })).toBe('"{""reason"":""x""}"');
  });
});
