// The CSV upload: bad rows are reported by their line in the file and every good row is kept; duplicates (an
// e-mail in another case, a repeated id) are counted, not stored twice; identifiers are only ever kept as
// hashes; a problem with the whole file (empty, wrong columns, too many rows, too large) is one clear message.
import { describe, expect, it } from "vitest";
import { ERASURE_CSV_MAX_BYTES, ERASURE_MAX_SUBJECTS } from "@/lib/limits";
import { csvFields, parseErasureCsv } from "./parse-erasure-csv";
import { hashSubject, prepareSubjects } from "./subject-identifiers";

describe("parseErasureCsv", () => {
  it("skips the header and blank lines, reports bad rows by line, keeps every good row once", () => {
    const csv = [
      "email",
      "ana@example.com",
      "not-an-email@",
      "ANA@EXAMPLE.COM",
      '"cust-42,with comma"',
      "",
      "cust-7",
      "x".repeat(300),
    ].join("\r\n");
    const parsed = parseErasureCsv(csv);
    expect(parsed.fileError).toBeNull();
    expect(parsed.rows).toBe(6);
    expect(parsed.errors).toEqual([
      { row: 3, message: "Identifier is not a valid e-mail address." },
      { row: 8, message: "Identifier is longer than 254 characters." },
    ]);
    expect(parsed.duplicates).toBe(1);
    expect(parsed.subjects).toEqual([
      { kind: "EMAIL", hash: hashSubject("EMAIL", "ana@example.com") },
      { kind: "EXTERNAL_USER_ID", hash: hashSubject("EXTERNAL_USER_ID", "cust-42,with comma") },
      { kind: "EXTERNAL_USER_ID", hash: hashSubject("EXTERNAL_USER_ID", "cust-7") },
    ]);
    expect(JSON.stringify(parsed)).not.toContain("ana@");
  });

  it("reads the column its header names in a file of several columns", () => {
    const parsed = parseErasureCsv(["name,email,plan", 'Ana,ana@example.com,"gold, yearly"', "Bo,,free"].join("\n"));
    expect(parsed.fileError).toBeNull();
    expect(parsed.subjects).toEqual([{ kind: "EMAIL", hash: hashSubject("EMAIL", "ana@example.com") }]);
    expect(parsed.errors).toEqual([{ row: 3, message: "Identifier is empty." }]);
  });

  it("refuses the whole file when it is empty, has no identifiers, or several columns without a header", () => {
    expect(parseErasureCsv("").fileError).toMatch(/empty/);
    expect(parseErasureCsv("\r\n \n").fileError).toMatch(/empty/);
    expect(parseErasureCsv("email\n").fileError).toMatch(/header row but no identifiers/);
    const wrong = parseErasureCsv("Ana,ana@example.com\nBo,bo@example.com");
    expect(wrong.fileError).toMatch(/^Wrong columns: line 1 has 2 columns/);
    expect(wrong.subjects).toEqual([]);
  });

  it("takes 100,000 rows and refuses one more", () => {
    const rows = Array.from({ length: ERASURE_MAX_SUBJECTS }, (_, i) => `cust-${i}`);
    const ok = parseErasureCsv(rows.join("\n"));
    expect(ok.errors).toEqual([]);
    expect(ok.subjects).toHaveLength(ERASURE_MAX_SUBJECTS);
    const over = parseErasureCsv([...rows, "cust-extra"].join("\n"));
    expect(over.subjects).toEqual([]);
    expect(over.fileError).toBe(
      "Too many rows: 100,001 identifiers; at most 100,000 per file (split it into several files).",
    );
  });

  it("refuses a file over the byte limit", () => {
    expect(parseErasureCsv("a".repeat(ERASURE_CSV_MAX_BYTES + 1)).fileError).toBe("The file is larger than 8 MB.");
  });

  it("splits fields with quotes as RFC 4180 writes them", () => {
    expect(csvFields('a,"b,c","d""e",')).toEqual(["a", "b,c", 'd"e', ""]);
  });

  it("hashes e-mails case-insensitively and external ids exactly", () => {
    const { subjects, duplicates } = prepareSubjects(["A@B.example", "a@b.example", "Cust-1", "cust-1"]);
    expect(duplicates).toBe(1);
    expect(subjects.map((s) => s.kind)).toEqual(["EMAIL", "EXTERNAL_USER_ID", "EXTERNAL_USER_ID"]);
  });
});
