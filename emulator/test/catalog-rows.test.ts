// The catalog stored as one row per object (engine/catalog-rows.ts): what is read back is exactly what was
// written (key order included), a statement rewrites only the rows it changed, and a store written in the
// older one-document form opens unchanged and is converted at its next save.
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import { catalogToRows, diffRows, rowsToCatalog } from "../engine/catalog-rows";
import { createEngine, type EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
const provider = () => session("FD10001", "FLOE_PROVISIONER");
const file = () => path.join(dir, "emulator.duckdb");

beforeAll(async () => {
  ({ engine, dir } = await tempEngine());
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function storedRows(): Promise<{ rows: number; legacy: number }> {
  const instance = await DuckDBInstance.create(file());
  const conn = await instance.connect();
  const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0][0]);
  const result = {
    rows: await count("SELECT count(*) FROM _floe_meta.catalog_rows"),
    legacy: await count("SELECT count(*) FROM _floe_meta.catalog"),
  };
  conn.closeSync();
  instance.closeSync();
  return result;
}

it("reads back the seeded catalog exactly as written, key order included", () => {
  const catalog = engine.catalogSnapshot();
  const rows = catalogToRows(catalog);
  expect(rows.size).toBeGreaterThan(50);
  expect(JSON.stringify(rowsToCatalog(rows))).toBe(JSON.stringify(catalog));
});

it("rewrites only the rows of what a statement changed", async () => {
  const before = catalogToRows(engine.catalogSnapshot());
  await runner(engine).run(provider(), "CREATE SHARE ONLY_THIS_ONE");
  const { upserts, deletes } = diffRows(before, catalogToRows(engine.catalogSnapshot()));
  // The share's own row, its account's row (which lists the account's shares by name) and the root row
  // (the catalog's id counter moved): not the lake's hundreds of table and view rows.
  expect(upserts.map(([key]) => JSON.parse(key))).toEqual([
    ["accounts", "FD10001", "shares", "ONLY_THIS_ONE"],
    ["accounts", "FD10001"],
    [],
  ]);
  expect(deletes).toEqual([]);
});

it(
  "keeps the catalog across a restart, and opens a one-document store and converts it",
  { timeout: 120_000 },
  async () => {
    await runner(engine).run(provider(), "CREATE SHARE KEPT_ACROSS_RESTART");
    const written = JSON.stringify(engine.catalogSnapshot());
    await engine.close();
    engine = await createEngine({ dataDir: dir });
    expect(JSON.stringify(engine.catalogSnapshot())).toBe(written);

    // The older form: the whole catalog in _floe_meta.catalog, no rows.
    await engine.close();
    const instance = await DuckDBInstance.create(file());
    const conn = await instance.connect();
    await conn.run("DELETE FROM _floe_meta.catalog_rows");
    await conn.run("INSERT INTO _floe_meta.catalog VALUES (1, $1)", [written]);
    conn.closeSync();
    instance.closeSync();
    engine = await createEngine({ dataDir: dir });
    expect(JSON.stringify(engine.catalogSnapshot())).toBe(written);
    await runner(engine).run(provider(), "DROP SHARE KEPT_ACROSS_RESTART");
    await engine.close();
    expect(await storedRows()).toMatchObject({ legacy: 0 });
    expect((await storedRows()).rows).toBeGreaterThan(50);
    engine = await createEngine({ dataDir: dir });
    expect(Object.keys(engine.catalogSnapshot().accounts.FD10001.shares)).not.toContain("KEPT_ACROSS_RESTART");
  },
);
