// The CSV upload: bad rows are reported by row number and every good row is kept; duplicates (an e-mail in
// another case, a repeated id) are counted, not stored twice; identifiers are only ever kept as hashes.
import { describe, expect, it } from "vitest";
import { ERASURE_MAX_SUBJECTS } from "@/lib/limits";
import { parseErasureCsv } from "./parse-erasure-csv";
import { hashSubject, prepareSubjects } from "./subject-identifiers";

describe("parseErasureCsv", () => {
  it("skips the header, reports bad rows with their numbers, keeps every good row once", () => {
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
    expect(parsed.rows).toBe(7);
    expect(parsed.errors).toEqual([
      { row: 3, message: "Identifier is not a valid e-mail address." },
      { row: 6, message: "Identifier is empty." },
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

  it("takes 100,000 rows and refuses one more", () => {
    const rows = Array.from({ length: ERASURE_MAX_SUBJECTS }, (_, i) => `cust-${i}`);
    const ok = parseErasureCsv(rows.join("\n"));
    expect(ok.errors).toEqual([]);
    expect(ok.subjects).toHaveLength(ERASURE_MAX_SUBJECTS);
    const over = parseErasureCsv([...rows, "cust-extra"].join("\n"));
    expect(over.subjects).toEqual([]);
    expect(over.errors).toEqual([{ row: 0, message: "At most 100,000 rows per file." }]);
  });

  it("hashes e-mails case-insensitively and external ids exactly", () => {
    const { subjects, duplicates } = prepareSubjects(["A@B.example", "a@b.example", "Cust-1", "cust-1"]);
    expect(duplicates).toBe(1);
    expect(subjects.map((s) => s.kind)).toEqual(["EMAIL", "EXTERNAL_USER_ID", "EXTERNAL_USER_ID"]);
  });
});
