import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, type EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const provider = () => session("FD10001", "FLOE_PROVISIONER");
const acme = () => session("AR40001");
const DB = '"ENGAGEMENT_LAKE_US"';
const VIEW = `${DB}."SHARED"."USERS_MESSAGES_EMAIL_SEND_SHARED"`;
const ACME_WS = "5f1a0c3e9b2d4a7f8c6e0a01";
const PACIFIC_WS = "7b3c2e5a1d4f6c9b0e8a2c01";

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

async function provisionShare(name: string, consumer: string) {
  await r.run(
    provider(),
    [
      `CREATE SHARE IF NOT EXISTS "${name}" COMMENT = 'Floe request'`,
      `GRANT USAGE ON DATABASE ${DB} TO SHARE "${name}"`,
      `GRANT USAGE ON SCHEMA ${DB}."SHARED" TO SHARE "${name}"`,
      `GRANT SELECT ON VIEW ${VIEW} TO SHARE "${name}"`,
      `GRANT SELECT ON VIEW ${VIEW} TO SHARE "${name}"`, // re-running a grant succeeds
      `ALTER SHARE "${name}" ADD ACCOUNTS = ${consumer}`,
    ].join(";\n"),
  );
}

const entitle = (share: string, ws: string, account: string, region = "AWS_US_EAST_1", s = provider(), db = DB) =>
  r.run(
    s,
    `INSERT INTO ${db}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, GRANTED_AT) VALUES (?, 'messaging-email', ?, ?, ?, CURRENT_TIMESTAMP())`,
    [
      { type: "TEXT", value: share },
      { type: "TEXT", value: ws },
      { type: "TEXT", value: account },
      { type: "TEXT", value: region },
    ],
  );

describe("provider share DDL", () => {
  it("creates, grants, reads back and drops a share", async () => {
    await provisionShare("SHARE_ACME_1", '"ACMERETAIL"."ANALYTICS"');
    const shares = await r.one(provider(), "SHOW SHARES LIKE 'share_acme%'");
    const row = Object.fromEntries(shares.columns.map((c, k) => [c.name, shares.rows[0][k]]));
    expect(row).toMatchObject({
      kind: "OUTBOUND",
      owner_account: "FLOEDATA.LAKE_US",
      name: "SHARE_ACME_1",
      database_name: "ENGAGEMENT_LAKE_US",
      to: "ACMERETAIL.ANALYTICS",
      comment: "Floe request",
    });
    const desc = await r.one(provider(), 'DESC SHARE "SHARE_ACME_1"');
    expect(desc.rows.map((x) => [x[0], x[1]])).toEqual([
      ["DATABASE", "ENGAGEMENT_LAKE_US"],
      ["SCHEMA", "ENGAGEMENT_LAKE_US.SHARED"],
      ["VIEW", "ENGAGEMENT_LAKE_US.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED"],
    ]);
    const grants = await r.one(provider(), 'SHOW GRANTS TO SHARE "SHARE_ACME_1"');
    expect(grants.rows.map((x) => [x[1], x[2], x[4], x[5]])).toContainEqual([
      "SELECT",
      "VIEW",
      "SHARE",
      "FD10001.SHARE_ACME_1",
    ]);
    expect((await r.one(provider(), 'SHOW GRANTS OF SHARE "SHARE_ACME_1"')).rows.map((x) => x[2])).toEqual([
      "ACMERETAIL.ANALYTICS",
    ]);
    expect((await r.one(provider(), 'DROP SHARE "SHARE_ACME_1"')).rows[0][0]).toBe(
      "SHARE_ACME_1 successfully dropped.",
    );
    expect((await r.one(provider(), 'DROP SHARE IF EXISTS "SHARE_ACME_1"')).rows[0][0]).toMatch(/successfully/);
    expect((await r.fails(provider(), 'DROP SHARE "SHARE_ACME_1"')).code).toBe("002003");
  });

  it("refuses what Snowflake refuses", async () => {
    const p = provider();
    await r.run(p, 'CREATE SHARE "S1"');
    expect((await r.fails(p, 'CREATE SHARE "S1"')).code).toBe("002002");
    expect((await r.fails(p, 'CREATE OR REPLACE SHARE IF NOT EXISTS "S1"')).code).toBe("002029");
    expect((await r.fails(session("FD10001", "ANALYST", "PUBLIC"), 'CREATE SHARE "S2"')).code).toBe("003001");
    expect((await r.fails(p, 'ALTER SHARE "NOPE" ADD ACCOUNTS = ACMERETAIL.ANALYTICS')).code).toBe("002003");
    expect((await r.one(p, 'ALTER SHARE IF EXISTS "NOPE" ADD ACCOUNTS = ACMERETAIL.ANALYTICS')).rows[0][0]).toBe(
      "Statement executed successfully.",
    );
    expect((await r.fails(p, 'ALTER SHARE "S1" ADD ACCOUNTS = "NOBODY"."HERE"')).code).toBe("002003");
    const cross = await r.fails(p, 'ALTER SHARE "S1" ADD ACCOUNTS = "NORDLICHT"."DWH"');
    expect(cross.code).toBe("003135");
    expect(cross.message).toMatch(/region AWS_EU_CENTRAL_1/);
    expect((await r.fails(p, 'ALTER SHARE "S1" ADD ACCOUNTS = PO60001')).code).toBe("003135");
    expect((await r.fails(p, `GRANT SELECT ON VIEW ${VIEW} TO SHARE "S1"`)).message).toMatch(
      /does not belong to the database/,
    );
    await r.run(p, `CREATE VIEW ${DB}.SHARED.PLAIN AS SELECT 1 AS X`);
    await r.run(p, `GRANT USAGE ON DATABASE ${DB} TO SHARE "S1"`);
    const plain = await r.fails(p, `GRANT SELECT ON VIEW ${DB}.SHARED.PLAIN TO SHARE "S1"`);
    expect(plain.message).toBe(
      "SQL compilation error:\nA view can only be shared if it is created as a SECURE view, or marked SECURE using ALTER VIEW V SET SECURE.",
    );
    await r.run(p, "CREATE DATABASE OTHER_DB");
    expect((await r.fails(p, 'GRANT USAGE ON DATABASE OTHER_DB TO SHARE "S1"')).message).toMatch(/only one database/);
    await r.run(p, 'GRANT REFERENCE_USAGE ON DATABASE OTHER_DB TO SHARE "S1"');
  });
});

describe("consumer side", () => {
  it("mounts a share, scopes rows per share (one share per consumer), and loses access at once when removed", async () => {
    const org = session("FD10001", "ADMIN", "ORGADMIN");
    const created = await r.one(
      org,
      "CREATE ACCOUNT SECOND ADMIN_NAME = ADMIN ADMIN_PASSWORD = 'pw' EMAIL = 'x@y.z' EDITION = ENTERPRISE REGION = AWS_US_EAST_1",
    );
    const second = session(JSON.parse(String(created.rows[0][0])).accountLocator);
    // The lake's boundary is per share (row access policies on INVOKER_SHARE()): one share per consumer account.
    await provisionShare("SHARE_ACME", "ACMERETAIL.ANALYTICS");
    await provisionShare("SHARE_SECOND", "FLOEDATA.SECOND");
    await entitle("SHARE_ACME", ACME_WS, "ACMERETAIL.ANALYTICS");
    await entitle("SHARE_SECOND", PACIFIC_WS, second.accountLocator);

    const refused = await r.fails(session("NL50001"), "CREATE DATABASE X FROM SHARE FLOEDATA.LAKE_US.SHARE_ACME");
    expect(refused.code).toBe("002003");
    expect((await r.one(acme(), "SHOW SHARES")).rows.map((x) => [x[1], x[2], x[3]])).toEqual([
      ["INBOUND", "FLOEDATA.LAKE_US", "SHARE_ACME"],
    ]);
    expect((await r.one(acme(), "DESC SHARE FLOEDATA.LAKE_US.SHARE_ACME")).rows).toHaveLength(3);

    await r.run(
      acme(),
      "CREATE DATABASE FLOE_EMAIL FROM SHARE FLOEDATA.LAKE_US.SHARE_ACME; GRANT IMPORTED PRIVILEGES ON DATABASE FLOE_EMAIL TO ROLE PUBLIC",
    );
    await r.run(second, "CREATE DATABASE FLOE_EMAIL FROM SHARE FD10001.SHARE_SECOND");
    const q = "SELECT APP_GROUP_ID, COUNT(*) AS N FROM FLOE_EMAIL.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED GROUP BY 1";
    const acmeRows = await r.one(acme(), q);
    const secondRows = await r.one(second, q);
    expect(acmeRows.rows.map((x) => x[0])).toEqual([ACME_WS]);
    expect(secondRows.rows.map((x) => x[0])).toEqual([PACIFIC_WS]);
    const all = await r.one(
      provider(),
      `SELECT COUNT(*) FROM ${DB}.RAW.USERS_MESSAGES_EMAIL_SEND WHERE APP_GROUP_ID = '${ACME_WS}'`,
    );
    expect(acmeRows.rows[0][1]).toBe(all.rows[0][0]);

    const cols = await r.one(acme(), "SELECT * FROM FLOE_EMAIL.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED LIMIT 1");
    expect(cols.columns.map((c) => c.name)).not.toContain("EMAIL_ADDRESS");
    expect(cols.columns[0]).toMatchObject({
      database: "FLOE_EMAIL",
      schema: "SHARED",
      table: "USERS_MESSAGES_EMAIL_SEND_SHARED",
    });
    expect((await r.fails(acme(), "SELECT * FROM FLOE_EMAIL.RAW.USERS_MESSAGES_EMAIL_SEND")).code).toBe("002003");
    expect((await r.fails(acme(), "SELECT * FROM FLOE_EMAIL.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED_ALL")).code).toBe(
      "002003",
    );
    const views = await r.one(
      acme(),
      "SELECT TABLE_NAME, IS_SECURE, VIEW_DEFINITION FROM FLOE_EMAIL.INFORMATION_SCHEMA.VIEWS",
    );
    expect(views.rows).toEqual([["USERS_MESSAGES_EMAIL_SEND_SHARED", "YES", null]]);
    expect((await r.fails(acme(), "DELETE FROM FLOE_EMAIL.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED")).code).toBe(
      "003037",
    );

    await r.run(provider(), 'ALTER SHARE "SHARE_ACME" REMOVE ACCOUNTS = "ACMERETAIL"."ANALYTICS"');
    const gone = await r.fails(acme(), q);
    expect(gone.code).toBe("003030");
    expect(gone.message).toMatch(/Shared database is no longer available for use/);
    expect((await r.one(second, q)).rows).toHaveLength(1);
    await r.run(provider(), 'DROP SHARE "SHARE_SECOND"');
    expect((await r.fails(second, q)).code).toBe("003030");
  });
});

describe("cross-region replication", () => {
  it("replicates the lake to the replica account; entitlements reach it only at REFRESH", async () => {
    const src = session("FD10001");
    const target = session("FD30001", "FLOE_PROVISIONER");
    await r.run(
      src,
      'CREATE REPLICATION GROUP IF NOT EXISTS "RG_US" OBJECT_TYPES = DATABASES, SHARES ALLOWED_DATABASES = "ENGAGEMENT_LAKE_US" ALLOWED_ACCOUNTS = "FLOEDATA"."REPLICA_US_WEST" REPLICATION_SCHEDULE = \'10 MINUTE\'',
    );
    expect(
      (await r.fails(session("AR40001"), 'CREATE REPLICATION GROUP "RG_US" AS REPLICA OF "FLOEDATA"."LAKE_US"."RG_US"'))
        .code,
    ).toBe("002003");
    await r.run(
      target,
      'CREATE REPLICATION GROUP IF NOT EXISTS "RG_US" AS REPLICA OF "FLOEDATA"."LAKE_US"."RG_US"; ALTER REPLICATION GROUP "RG_US" REFRESH',
    );
    const groups = await r.one(target, "SHOW REPLICATION GROUPS");
    expect(groups.rows[0][7]).toBe("false");

    await provisionShareOn(target, "SHARE_PACIFIC", '"PACIFICOUTFIT"."PROD"');
    await entitle("SHARE_PACIFIC", PACIFIC_WS, "PACIFICOUTFIT.PROD", "AWS_US_WEST_2", src);
    expect(
      (
        await r.fails(
          target,
          `INSERT INTO ${DB}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION) VALUES ('a','b','c','d','e')`,
        )
      ).code,
    ).toBe("003037");

    const pacific = session("PO60001");
    await r.run(pacific, "CREATE DATABASE FLOE FROM SHARE FLOEDATA.REPLICA_US_WEST.SHARE_PACIFIC");
    const q = "SELECT COUNT(*) AS N FROM FLOE.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED";
    expect((await r.one(pacific, q)).rows[0][0]).toBe(0n);
    await r.run(target, 'ALTER REPLICATION GROUP "RG_US" REFRESH');
    const n = (await r.one(pacific, q)).rows[0][0] as bigint;
    expect(n).toBeGreaterThan(0n);
    const expected = await r.one(
      src,
      `SELECT COUNT(*) FROM ${DB}.RAW.USERS_MESSAGES_EMAIL_SEND WHERE APP_GROUP_ID = '${PACIFIC_WS}'`,
    );
    expect(n).toBe(expected.rows[0][0]);
  });
});

async function provisionShareOn(s: ReturnType<typeof session>, name: string, consumer: string) {
  await r.run(
    s,
    [
      `CREATE SHARE "${name}"`,
      `GRANT USAGE ON DATABASE ${DB} TO SHARE "${name}"`,
      `GRANT USAGE ON SCHEMA ${DB}."SHARED" TO SHARE "${name}"`,
      `GRANT SELECT ON VIEW ${VIEW} TO SHARE "${name}"`,
      `ALTER SHARE "${name}" ADD ACCOUNTS = ${consumer}`,
    ].join(";"),
  );
}

describe("persistence", () => {
  it("keeps every kind of state across close and reopen, and reset restores the seed", async () => {
    await provisionShare("SHARE_KEEP", "ACMERETAIL.ANALYTICS");
    await entitle("SHARE_KEEP", ACME_WS, "AR40001");
    await r.run(acme(), "CREATE DATABASE KEEP FROM SHARE FD10001.SHARE_KEEP");
    await r.run(provider(), "ALTER USER FLOE_PROVISIONER SET RSA_PUBLIC_KEY = 'MIIBIjANBgkq'");
    await engine.close();
    engine = await createEngine({ dataDir: dir });
    r = runner(engine);
    expect(engine.seedMillis).toBeNull();
    const rows = await r.one(acme(), "SELECT COUNT(*) FROM KEEP.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED");
    expect(rows.rows[0][0]).toBeGreaterThan(0n);
    expect((await engine.publicKeysFor("FLOEDATA.LAKE_US", "floe_provisioner"))?.publicKeysPem[0]).toMatch(
      /BEGIN PUBLIC KEY-----\nMIIBIjANBgkq/,
    );
    await engine.reset();
    expect((await r.one(provider(), "SHOW SHARES")).rows).toHaveLength(0);
    expect((await r.fails(acme(), "SELECT 1 FROM KEEP.SHARED.X")).code).toBe("002003");
    expect(await engine.loginWithPassword("FD10001", "ADMIN", "emulator")).toEqual({
      accountLocator: "FD10001",
      user: "ADMIN",
      defaultRole: "ACCOUNTADMIN",
    });
    expect(await engine.loginWithPassword("FD10001", "ADMIN", "wrong")).toBeNull();
  });
});
