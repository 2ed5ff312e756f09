// Only lib/requests changes a request's row (its state above all): every transition there is a guarded
// compare-and-set with its audit event (README, Request lifecycle). A static scan of the production code
// for writes to ShareRequest — Prisma delegate calls and raw SQL — outside lib/requests proves it.
// Exempt: tests and testing/ harnesses (they set up rows directly), bench/ (bulk load fixtures).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const scanned = [
  "app",
  "components",
  "lib",
  "scripts",
  "prisma",
  "reliability",
  "emulator",
  "instrumentation.ts",
  "proxy.ts",
];
const owner = "lib/requests/";
const skipDirs = new Set(["node_modules", "generated", "testing", ".next", ".data"]);

const delegateWrite =
  /\bshareRequest\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/;
const rawSqlWrite = /\b(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+"?ShareRequest"?\b/i;

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => {
    const rel = path.posix.join(entry, d.name);
    if (d.isDirectory()) return skipDirs.has(d.name) ? [] : sourceFiles(rel);
    return /\.(ts|tsx|mjs)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [rel] : [];
  });
}

function writersIn(files: string[]): string[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .flatMap((line, i) => (delegateWrite.test(line) || rawSqlWrite.test(line) ? [`${file}:${i + 1}`] : [])),
  );
}

describe("who writes ShareRequest rows", () => {
  const files = scanned.flatMap(sourceFiles);

  it("the scan recognises writes (it finds lib/requests' own)", () => {
    expect(delegateWrite.test("await tx.shareRequest.updateMany({ where: { id, state: { in: from } } })")).toBe(true);
    expect(rawSqlWrite.test('UPDATE "ShareRequest" SET state = $1')).toBe(true);
    expect(writersIn(files.filter((f) => f.startsWith(owner))).length).toBeGreaterThan(3);
  });

  it("nothing outside lib/requests writes a request", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(writersIn(files.filter((f) => !f.startsWith(owner)))).toEqual([]);
  });
});
