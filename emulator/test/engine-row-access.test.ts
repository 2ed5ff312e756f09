// Row access policies and INVOKER_SHARE() in the engine: per-share rows for two shares into one consumer
// account, the provider's own reads, DDL refusals, COPY GRANTS, ALTER TABLE ADD COLUMN, replication.
// (The same behaviours through snowflake-sdk, with the documentation they follow: emulator/contract/row-access.contract.ts.)
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const provider = () => session("FD10001", "FLOE_PROVISIONER");
const acme = () => session("AR40001");

beforeAll(async () => {
  ({ engine, dir } = await tempEngine());
  r = runner(engine);
});
beforeEach(async () => {
  await engine.reset();
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = async (s: ReturnType<typeof session>, sql: string) => (await r.one(s, sql)).rows;

async function lake() {
  await r.run(
    provider(),
    [
      "CREATE DATABASE L",
      "CREATE SCHEMA L.RAW",
      "CREATE SCHEMA L.SHARING",
      "CREATE SCHEMA L.SHARED",
      "CREATE TABLE L.RAW.EVENTS (TENANT VARCHAR, ID NUMBER)",
      "INSERT INTO L.RAW.EVENTS VALUES ('alpha', 1), ('alpha', 2), ('beta', 3), ('gamma', 4)",
      "CREATE TABLE L.SHARING.ENTITLEMENTS (SHARE_NAME VARCHAR, TENANT VARCHAR)",
      "INSERT INTO L.SHARING.ENTITLEMENTS VALUES ('S_ALPHA', 'alpha'), ('S_BETA', 'beta')",
      "CREATE ROW ACCESS POLICY L.SHARING.BY_SHARE AS (ROW_TENANT VARCHAR) RETURNS BOOLEAN -> " +
        "EXISTS (SELECT 1 FROM L.SHARING.ENTITLEMENTS e WHERE e.SHARE_NAME = INVOKER_SHARE() AND e.TENANT = ROW_TENANT)",
      "CREATE SECURE VIEW L.SHARED.EVENTS_V AS SELECT TENANT, ID FROM L.RAW.EVENTS",
      "ALTER VIEW L.SHARED.EVENTS_V ADD ROW ACCESS POLICY L.SHARING.BY_SHARE ON (TENANT)",
    ].join(";\n"),
  );
  for (const s of ["S_ALPHA", "S_BETA"]) {
    await r.run(
      provider(),
      [
        `CREATE SHARE ${s}`,
        `GRANT USAGE ON DATABASE L TO SHARE ${s}`,
        `GRANT USAGE ON SCHEMA L.SHARED TO SHARE ${s}`,
        `GRANT SELECT ON VIEW L.SHARED.EVENTS_V TO SHARE ${s}`,
        `ALTER SHARE ${s} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
      ].join(";\n"),
    );
    await r.run(acme(), `CREATE DATABASE M_${s} FROM SHARE FLOEDATA.LAKE_US.${s}`);
  }
}

describe("row access policies with INVOKER_SHARE()", () => {
  it("each share into the same account returns only the rows entitled to that share; the provider sees none", async () => {
    await lake();
    expect(await rows(acme(), "SELECT TENANT, ID FROM M_S_ALPHA.SHARED.EVENTS_V ORDER BY ID")).toEqual([
      ["alpha", 1n],
      ["alpha", 2n],
    ]);
    expect(await rows(acme(), "SELECT TENANT, ID FROM M_S_BETA.SHARED.EVENTS_V ORDER BY ID")).toEqual([["beta", 3n]]);
    expect(await rows(provider(), "SELECT * FROM L.SHARED.EVENTS_V")).toEqual([]);
    expect(await rows(provider(), "SELECT INVOKER_SHARE()")).toEqual([[null]]);
    // A new entitlement row takes effect at the next query.
    await r.run(provider(), "INSERT INTO L.SHARING.ENTITLEMENTS VALUES ('S_BETA', 'gamma')");
    expect(await rows(acme(), "SELECT ID FROM M_S_BETA.SHARED.EVENTS_V ORDER BY ID")).toEqual([[3n], [4n]]);
  });

  it("a policy on a table read by a shared view sees INVOKER_SHARE() = NULL (the share reached the view, not the table)", async () => {
    await lake();
    await r.run(
      provider(),
      [
        "CREATE ROW ACCESS POLICY L.SHARING.SHARE_SEEN AS (T VARCHAR) RETURNS BOOLEAN -> INVOKER_SHARE() IS NOT NULL",
        "ALTER TABLE L.RAW.EVENTS ADD ROW ACCESS POLICY L.SHARING.SHARE_SEEN ON (TENANT)",
      ].join(";\n"),
    );
    expect(await rows(acme(), "SELECT * FROM M_S_ALPHA.SHARED.EVENTS_V")).toEqual([]);
    expect(await rows(provider(), "SELECT * FROM L.RAW.EVENTS")).toEqual([]);
  });

  it("INVOKER_SHARE() in a shared view's body is the share's name (emulator choice)", async () => {
    await lake();
    await r.run(
      provider(),
      [
        "CREATE SECURE VIEW L.SHARED.WHO AS SELECT INVOKER_SHARE() AS S",
        "GRANT SELECT ON VIEW L.SHARED.WHO TO SHARE S_BETA",
      ].join(";\n"),
    );
    expect(await rows(acme(), "SELECT S FROM M_S_BETA.SHARED.WHO")).toEqual([["S_BETA"]]);
    expect(await rows(provider(), "SELECT S FROM L.SHARED.WHO")).toEqual([[null]]);
  });

  it("DDL: one policy per object, no drop while attached, detach, SHOW and DESCRIBE", async () => {
    await lake();
    const p = provider();
    await r.run(
      p,
      "CREATE ROW ACCESS POLICY L.SHARING.OTHER AS (X VARCHAR) RETURNS BOOLEAN -> TRUE COMMENT = 'allow all'",
    );
    expect(
      (await r.fails(p, "ALTER VIEW L.SHARED.EVENTS_V ADD ROW ACCESS POLICY L.SHARING.OTHER ON (TENANT)")).code,
    ).toBe("003133");
    expect((await r.fails(p, "DROP ROW ACCESS POLICY L.SHARING.BY_SHARE")).code).toBe("003134");
    expect(
      (
        await r.fails(
          p,
          "CREATE OR REPLACE ROW ACCESS POLICY L.SHARING.BY_SHARE AS (X VARCHAR) RETURNS BOOLEAN -> TRUE",
        )
      ).code,
    ).toBe("003134");
    expect(
      (await r.fails(p, "CREATE ROW ACCESS POLICY L.SHARING.OTHER AS (X VARCHAR) RETURNS BOOLEAN -> TRUE")).code,
    ).toBe("002002");
    expect(
      (await r.one(p, "CREATE ROW ACCESS POLICY IF NOT EXISTS L.SHARING.OTHER AS (X VARCHAR) RETURNS BOOLEAN -> TRUE"))
        .rows[0][0],
    ).toMatch(/already exists/);
    expect(
      (
        await r.fails(
          p,
          "CREATE ROW ACCESS POLICY L.SHARING.BAD AS (X VARCHAR) RETURNS BOOLEAN -> EXISTS (SELECT 1 FROM L.SHARING.NOPE)",
        )
      ).code,
    ).toBe("002003");
    expect((await r.fails(p, "ALTER TABLE L.RAW.EVENTS ADD ROW ACCESS POLICY L.SHARING.OTHER ON (NOPE)")).code).toBe(
      "002029",
    );
    expect(
      (await r.fails(p, "ALTER TABLE L.RAW.EVENTS ADD ROW ACCESS POLICY L.SHARING.MISSING ON (TENANT)")).code,
    ).toBe("002003");

    const show = await r.one(p, "SHOW ROW ACCESS POLICIES IN DATABASE L");
    expect(show.columns.map((c) => c.name)).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "kind",
      "owner",
      "comment",
      "options",
      "owner_role_type",
    ]);
    expect(show.rows.map((x) => [x[1], x[2], x[3], x[4], x[6]])).toEqual([
      ["BY_SHARE", "L", "SHARING", "ROW_ACCESS_POLICY", ""],
      ["OTHER", "L", "SHARING", "ROW_ACCESS_POLICY", "allow all"],
    ]);
    const desc = await r.one(p, "DESCRIBE ROW ACCESS POLICY L.SHARING.BY_SHARE");
    expect(desc.rows[0].slice(0, 3)).toEqual(["BY_SHARE", "(ROW_TENANT VARCHAR(16777216))", "BOOLEAN"]);
    expect(desc.rows[0][3]).toMatch(/^EXISTS \(SELECT 1 FROM L\.SHARING\.ENTITLEMENTS e/);

    const refs = await r.one(
      p,
      "SELECT * FROM TABLE(L.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => 'L.SHARING.BY_SHARE')) AS x",
    );
    expect(refs.columns.map((c) => c.name)).toEqual([
      "POLICY_DB",
      "POLICY_SCHEMA",
      "POLICY_NAME",
      "POLICY_KIND",
      "REF_DATABASE_NAME",
      "REF_SCHEMA_NAME",
      "REF_ENTITY_NAME",
      "REF_ENTITY_DOMAIN",
      "REF_COLUMN_NAME",
      "REF_ARG_COLUMN_NAMES",
      "TAG_DATABASE",
      "TAG_SCHEMA",
      "TAG_NAME",
      "POLICY_STATUS",
    ]);
    expect(refs.rows).toEqual([
      [
        "L",
        "SHARING",
        "BY_SHARE",
        "ROW_ACCESS_POLICY",
        "L",
        "SHARED",
        "EVENTS_V",
        "VIEW",
        null,
        '["TENANT"]',
        null,
        null,
        null,
        "ACTIVE",
      ],
    ]);
    expect(
      await rows(
        { ...p, database: "L", schema: "SHARED" },
        "SELECT COUNT(*) FROM TABLE(INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => 'EVENTS_V', REF_ENTITY_DOMAIN => 'table'))",
      ),
    ).toEqual([[0n]]);
    expect(
      (
        await r.fails(
          p,
          "SELECT * FROM TABLE(L.INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => 'L.SHARED.EVENTS_V'))",
        )
      ).code,
    ).toBe("002029");
    expect((await r.fails(p, "SELECT * FROM TABLE(SPLIT_TO_TABLE('a,b', ','))")).code).toBe("001003");

    // Detach, swap in one statement, ALTER … SET BODY changes an attached policy in place.
    await r.run(
      p,
      "ALTER VIEW L.SHARED.EVENTS_V DROP ROW ACCESS POLICY L.SHARING.BY_SHARE, ADD ROW ACCESS POLICY L.SHARING.OTHER ON (TENANT)",
    );
    expect(await rows(p, "SELECT COUNT(*) FROM L.SHARED.EVENTS_V")).toEqual([[4n]]);
    await r.run(p, "ALTER ROW ACCESS POLICY L.SHARING.OTHER SET BODY -> X = 'gamma'");
    expect(await rows(p, "SELECT ID FROM L.SHARED.EVENTS_V")).toEqual([[4n]]);
    expect((await r.fails(p, "ALTER VIEW L.SHARED.EVENTS_V DROP ROW ACCESS POLICY L.SHARING.BY_SHARE")).code).toBe(
      "002029",
    );
    await r.run(p, "DROP ROW ACCESS POLICY L.SHARING.BY_SHARE");
    await r.run(p, "ALTER VIEW L.SHARED.EVENTS_V DROP ALL ROW ACCESS POLICIES");
    expect(await rows(p, "SELECT COUNT(*) FROM L.SHARED.EVENTS_V")).toEqual([[4n]]);
  });
});

describe("SQL UDFs", () => {
  it("inline with the caller's arguments and binds; INVOKER_SHARE() inside a UDF called from a policy is NULL", async () => {
    await lake();
    const p = provider();
    await r.run(
      p,
      [
        "CREATE FUNCTION L.RAW.DOUBLE_IT(X NUMBER) RETURNS NUMBER AS 'X * 2'",
        "CREATE OR REPLACE SECURE FUNCTION L.SHARING.WHICH_SHARE() RETURNS VARCHAR LANGUAGE SQL COMMENT = 'probe' AS $$INVOKER_SHARE()$$",
      ].join(";\n"),
    );
    expect(
      await rows(p, "SELECT L.RAW.DOUBLE_IT(ID), L.RAW.DOUBLE_IT(L.RAW.DOUBLE_IT(1)) FROM L.RAW.EVENTS WHERE ID = 3"),
    ).toEqual([[6n, 4n]]);
    expect(
      (
        await r.one({ ...p, database: "L", schema: "RAW" }, "SELECT DOUBLE_IT(?) AS D", [
          { type: "FIXED", value: "21" },
        ])
      ).rows,
    ).toEqual([[42n]]);
    expect((await r.fails(p, "SELECT L.RAW.DOUBLE_IT(1, 2)")).code).toBe("002029");
    const broken = await r.fails(p, "CREATE FUNCTION L.RAW.BROKEN() RETURNS NUMBER AS 'NOPE_COL + 1'");
    expect(broken.code).toBe("000904");
    expect((await r.fails(p, "CREATE FUNCTION L.RAW.DOUBLE_IT(X NUMBER) RETURNS NUMBER AS 'X'")).code).toBe("002002");

    await r.run(
      p,
      "ALTER ROW ACCESS POLICY L.SHARING.BY_SHARE SET BODY -> L.SHARING.WHICH_SHARE() IS NULL AND INVOKER_SHARE() = 'S_ALPHA'",
    );
    expect(await rows(acme(), "SELECT COUNT(*) FROM M_S_ALPHA.SHARED.EVENTS_V")).toEqual([[4n]]);
    expect(await rows(acme(), "SELECT COUNT(*) FROM M_S_BETA.SHARED.EVENTS_V")).toEqual([[0n]]);

    await r.run(p, "DROP FUNCTION L.RAW.DOUBLE_IT(NUMBER)");
    expect((await r.one(p, "DROP FUNCTION IF EXISTS L.RAW.DOUBLE_IT(NUMBER)")).rows[0][0]).toMatch(/already dropped/);
    expect((await r.fails(p, "SELECT L.RAW.DOUBLE_IT(1)")).code).toBe("002140");
  });
});

describe("CREATE OR REPLACE VIEW", () => {
  it("COPY GRANTS keeps the share's grant; without it the share loses the view (and a table); the old policy never carries over", async () => {
    await lake();
    const p = provider();
    const body = "SELECT TENANT, ID FROM L.RAW.EVENTS";
    await r.run(p, `CREATE OR REPLACE SECURE VIEW L.SHARED.EVENTS_V COPY GRANTS AS ${body}`);
    expect((await r.one(p, "SHOW GRANTS TO SHARE S_ALPHA")).rows.map((x) => x[3])).toContain("L.SHARED.EVENTS_V");
    // The replacement has no policy (the consumer now reads every row) until one is attached again.
    expect(await rows(acme(), "SELECT COUNT(*) FROM M_S_ALPHA.SHARED.EVENTS_V")).toEqual([[4n]]);
    await r.run(
      p,
      `CREATE OR REPLACE SECURE VIEW L.SHARED.EVENTS_V COPY GRANTS WITH ROW ACCESS POLICY L.SHARING.BY_SHARE ON (TENANT) AS ${body}`,
    );
    expect(await rows(acme(), "SELECT ID FROM M_S_ALPHA.SHARED.EVENTS_V ORDER BY ID")).toEqual([[1n], [2n]]);

    // Tables too: a replaced table keeps its share grants only with COPY GRANTS.
    await r.run(p, "CREATE TABLE L.SHARED.T (K VARCHAR); GRANT SELECT ON TABLE L.SHARED.T TO SHARE S_ALPHA");
    await r.run(p, "CREATE OR REPLACE TABLE L.SHARED.T (K VARCHAR) COPY GRANTS COMMENT = 'kept'");
    expect((await r.one(p, "SHOW GRANTS TO SHARE S_ALPHA")).rows.map((x) => x[3])).toContain("L.SHARED.T");
    await r.run(p, "CREATE OR REPLACE TABLE L.SHARED.T (K VARCHAR)");
    expect((await r.one(p, "SHOW GRANTS TO SHARE S_ALPHA")).rows.map((x) => x[3])).not.toContain("L.SHARED.T");

    await r.run(p, `CREATE OR REPLACE SECURE VIEW L.SHARED.EVENTS_V AS ${body}`);
    expect((await r.one(p, "SHOW GRANTS TO SHARE S_ALPHA")).rows.map((x) => x[3])).not.toContain("L.SHARED.EVENTS_V");
    expect((await r.fails(acme(), "SELECT * FROM M_S_ALPHA.SHARED.EVENTS_V")).code).toBe("002003");
  });
});

describe("ALTER TABLE ADD COLUMN", () => {
  it("adds a column with a DEFAULT to existing rows, IF NOT EXISTS is idempotent, SET NOT NULL after a backfill", async () => {
    await lake();
    const p = provider();
    await r.run(p, "ALTER TABLE L.SHARING.ENTITLEMENTS ADD COLUMN INCLUDES_PII BOOLEAN DEFAULT FALSE");
    expect(await rows(p, "SELECT SHARE_NAME, INCLUDES_PII FROM L.SHARING.ENTITLEMENTS ORDER BY 1")).toEqual([
      ["S_ALPHA", false],
      ["S_BETA", false],
    ]);
    await r.run(p, "ALTER TABLE L.SHARING.ENTITLEMENTS ADD COLUMN IF NOT EXISTS INCLUDES_PII BOOLEAN DEFAULT FALSE");
    expect((await r.fails(p, "ALTER TABLE L.SHARING.ENTITLEMENTS ADD COLUMN INCLUDES_PII BOOLEAN")).code).toBe(
      "002002",
    );
    await r.run(p, "INSERT INTO L.SHARING.ENTITLEMENTS (SHARE_NAME, TENANT) VALUES ('S_GAMMA', 'gamma')");
    expect(await rows(p, "SELECT INCLUDES_PII FROM L.SHARING.ENTITLEMENTS WHERE SHARE_NAME = 'S_GAMMA'")).toEqual([
      [false],
    ]);
    await r.run(p, "UPDATE L.SHARING.ENTITLEMENTS SET INCLUDES_PII = TRUE WHERE SHARE_NAME = 'S_BETA'");
    await r.run(p, "ALTER TABLE L.SHARING.ENTITLEMENTS ALTER COLUMN INCLUDES_PII SET NOT NULL");
    expect((await r.fails(p, "ALTER TABLE L.SHARING.ENTITLEMENTS ADD COLUMN NOTE VARCHAR NOT NULL")).code).toBe(
      "002029",
    );
    const cols = await r.one(
      p,
      "SELECT COLUMN_NAME, IS_NULLABLE FROM L.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'ENTITLEMENTS' ORDER BY ORDINAL_POSITION",
    );
    expect(cols.rows).toEqual([
      ["SHARE_NAME", "YES"],
      ["TENANT", "YES"],
      ["INCLUDES_PII", "NO"],
    ]);
  });
});
