// SIMULATED_DATA_SHARING_CONSUMER in the engine: the behaviours the documentation leaves open, as the emulator
// chose them (emulator/README.md, "Simulated data sharing consumer"). The documented behaviour, through
// snowflake-sdk: emulator/contract/simulated-consumer.contract.ts.
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
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

/** A view filtered by INVOKER_SHARE() (Floe's share boundary) and one by CURRENT_ACCOUNT(), plain and secure. */
async function lake(p: ReturnType<typeof session>, shares: string[]) {
  await r.run(
    p,
    [
      "CREATE DATABASE L",
      "CREATE SCHEMA L.RAW",
      "CREATE SCHEMA L.SHARED",
      "CREATE TABLE L.RAW.EVENTS (TENANT VARCHAR, ID NUMBER)",
      "INSERT INTO L.RAW.EVENTS VALUES ('alpha', 1), ('beta', 2)",
      "CREATE TABLE L.RAW.ENTITLEMENTS (SHARE_NAME VARCHAR, ACCOUNT VARCHAR, TENANT VARCHAR)",
      "INSERT INTO L.RAW.ENTITLEMENTS VALUES ('S_ONE', 'AR40001', 'alpha'), ('S_TWO', 'AR40001', 'beta')",
      "CREATE ROW ACCESS POLICY L.RAW.BY_SHARE AS (T VARCHAR) RETURNS BOOLEAN -> " +
        "EXISTS (SELECT 1 FROM L.RAW.ENTITLEMENTS e WHERE e.SHARE_NAME = INVOKER_SHARE() AND e.TENANT = T)",
      "CREATE SECURE VIEW L.SHARED.BY_SHARE_V ROW ACCESS POLICY L.RAW.BY_SHARE ON (TENANT) AS SELECT TENANT, ID FROM L.RAW.EVENTS",
      "CREATE SECURE VIEW L.SHARED.BY_ACCOUNT_V AS SELECT e.TENANT, e.ID FROM L.RAW.EVENTS e " +
        "WHERE EXISTS (SELECT 1 FROM L.RAW.ENTITLEMENTS n WHERE n.ACCOUNT = CURRENT_ACCOUNT() AND n.TENANT = e.TENANT)",
      "CREATE VIEW L.SHARED.PLAIN_V AS SELECT CURRENT_ACCOUNT() AS A",
      "CREATE SECURE VIEW L.SHARED.WHO_V AS SELECT CURRENT_ACCOUNT() AS A, CURRENT_ACCOUNT_NAME() AS N, CURRENT_REGION() AS R",
    ].join(";\n"),
  );
  for (const s of shares)
    await r.run(
      p,
      [
        `CREATE SHARE ${s}`,
        `GRANT USAGE ON DATABASE L TO SHARE ${s}`,
        `GRANT USAGE ON SCHEMA L.SHARED TO SHARE ${s}`,
        `GRANT SELECT ON VIEW L.SHARED.BY_SHARE_V TO SHARE ${s}`,
        `ALTER SHARE ${s} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
      ].join(";\n"),
    );
}

const rows = async (s: ReturnType<typeof session>, sql: string) => (await r.one(s, sql)).rows;

describe("SIMULATED_DATA_SHARING_CONSUMER (emulator's choices where the docs are silent)", () => {
  it("secure views take the consumer's context values; top-level calls and non-secure views keep the provider's", async () => {
    const p = session("FD10001", "FLOE_PROVISIONER");
    await lake(p, ["S_ONE"]);
    await r.run(p, "ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = 'ACMERETAIL.ANALYTICS'");
    expect(await rows(p, "SELECT A, N, R FROM L.SHARED.WHO_V")).toEqual([["AR40001", "ANALYTICS", "AWS_US_EAST_1"]]);
    expect(await rows(p, "SELECT CURRENT_ACCOUNT()")).toEqual([["FD10001"]]);
    expect(await rows(p, "SELECT A FROM L.SHARED.PLAIN_V")).toEqual([["FD10001"]]);
    // The locator names the same consumer.
    await r.run(p, "ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = AR40001");
    expect(await rows(p, "SELECT TENANT FROM L.SHARED.BY_ACCOUNT_V ORDER BY ID")).toEqual([["alpha"], ["beta"]]);
    await r.run(p, "ALTER SESSION UNSET SIMULATED_DATA_SHARING_CONSUMER");
    expect(await rows(p, "SELECT A FROM L.SHARED.WHO_V")).toEqual([["FD10001"]]);
  });

  it("INVOKER_SHARE() is the one share granting the view to the consumer; with several it is NULL", async () => {
    const p = session("FD10001", "FLOE_PROVISIONER");
    await lake(p, ["S_ONE"]);
    await r.run(p, "ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = 'ACMERETAIL.ANALYTICS'");
    expect(await rows(p, "SELECT TENANT, ID FROM L.SHARED.BY_SHARE_V")).toEqual([["alpha", 1n]]);
    await r.run(
      p,
      [
        "CREATE SHARE S_TWO",
        "GRANT USAGE ON DATABASE L TO SHARE S_TWO",
        "GRANT USAGE ON SCHEMA L.SHARED TO SHARE S_TWO",
        "GRANT SELECT ON VIEW L.SHARED.BY_SHARE_V TO SHARE S_TWO",
        "ALTER SHARE S_TWO ADD ACCOUNTS = ACMERETAIL.ANALYTICS",
      ].join(";\n"),
    );
    expect(await rows(p, "SELECT TENANT, ID FROM L.SHARED.BY_SHARE_V")).toEqual([]);
    // The consumer itself still reads each share's rows through its mounted databases.
    await r.run(acme(), "CREATE DATABASE M_TWO FROM SHARE FLOEDATA.LAKE_US.S_TWO");
    expect(await rows(acme(), "SELECT TENANT FROM M_TWO.SHARED.BY_SHARE_V")).toEqual([["beta"]]);
  });

  it("an unknown consumer: CURRENT_ACCOUNT() is the value as given, INVOKER_SHARE() NULL", async () => {
    const p = session("FD10001", "FLOE_PROVISIONER");
    await lake(p, ["S_ONE"]);
    await r.run(p, "ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = 'zz99999'");
    expect(await rows(p, "SELECT A FROM L.SHARED.WHO_V")).toEqual([["ZZ99999"]]);
    expect(await rows(p, "SELECT * FROM L.SHARED.BY_SHARE_V")).toEqual([]);
  });
});
