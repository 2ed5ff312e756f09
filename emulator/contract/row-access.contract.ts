// The per-share boundary Floe builds on: row access policies whose body names the reading share through
// INVOKER_SHARE(), on a secure view granted to several shares, and the DDL around them (policy DDL, ALTER VIEW
// … ADD ROW ACCESS POLICY, CREATE OR REPLACE VIEW … COPY GRANTS, ALTER TABLE … ADD COLUMN), plus replication.
//
// Documentation followed (each test names the pages it relies on):
// - INVOKER_SHARE: https://docs.snowflake.com/en/sql-reference/functions/invoker_share
// - CREATE ROW ACCESS POLICY: https://docs.snowflake.com/en/sql-reference/sql/create-row-access-policy
// - ALTER ROW ACCESS POLICY: https://docs.snowflake.com/en/sql-reference/sql/alter-row-access-policy
// - DROP ROW ACCESS POLICY: https://docs.snowflake.com/en/sql-reference/sql/drop-row-access-policy
// - CREATE VIEW (ROW ACCESS POLICY clause, COPY GRANTS): https://docs.snowflake.com/en/sql-reference/sql/create-view
// - ALTER VIEW: https://docs.snowflake.com/en/sql-reference/sql/alter-view
// - ALTER TABLE … ADD COLUMN: https://docs.snowflake.com/en/sql-reference/sql/alter-table
// - POLICY_REFERENCES: https://docs.snowflake.com/en/sql-reference/functions/policy_references
// - CREATE FUNCTION (SQL UDF): https://docs.snowflake.com/en/sql-reference/sql/create-function
// - COPY GRANTS default (bundle 2026_08, disabled by default): https://docs.snowflake.com/en/release-notes/bcr-bundles/2026_08/bcr-2433
import { beforeAll, describe, expect, it } from "vitest";
import { identity, refusal, runAll, using, type ContractContext, type Identity } from "./support";
import type { TestConnection } from "./target";

/** A lake-shaped database: RAW.EVENTS (tenant rows), SHARING.ENTITLEMENTS (share → tenant), the policy, the view. */
async function createBoundaryDatabase(conn: TestConnection, db: string): Promise<void> {
  await runAll(conn, [
    `CREATE DATABASE ${db}`,
    `CREATE SCHEMA ${db}.RAW`,
    `CREATE SCHEMA ${db}.SHARING`,
    `CREATE SCHEMA ${db}.SHARED`,
    `CREATE TABLE ${db}.RAW.EVENTS (TENANT VARCHAR(20) NOT NULL, ID NUMBER(38,0) NOT NULL)`,
    `INSERT INTO ${db}.RAW.EVENTS (TENANT, ID) VALUES ('alpha', 1), ('alpha', 2), ('beta', 3), ('gamma', 4)`,
    `CREATE TABLE ${db}.SHARING.ENTITLEMENTS (SHARE_NAME VARCHAR(255) NOT NULL, TENANT VARCHAR(20) NOT NULL)`,
    // The mapping-table pattern of create-row-access-policy, keyed by INVOKER_SHARE() (invoker_share page).
    `CREATE ROW ACCESS POLICY ${db}.SHARING.BY_SHARE AS (ROW_TENANT VARCHAR) RETURNS BOOLEAN -> ` +
      `EXISTS (SELECT 1 FROM ${db}.SHARING.ENTITLEMENTS e WHERE e.SHARE_NAME = INVOKER_SHARE() AND e.TENANT = ROW_TENANT)`,
    `CREATE SECURE VIEW ${db}.SHARED.EVENTS_V AS SELECT TENANT, ID FROM ${db}.RAW.EVENTS`,
    `ALTER VIEW ${db}.SHARED.EVENTS_V ADD ROW ACCESS POLICY ${db}.SHARING.BY_SHARE ON (TENANT)`,
  ]);
}

async function shareView(conn: TestConnection, share: string, db: string, accounts: string[]): Promise<void> {
  await runAll(conn, [
    `CREATE SHARE ${share}`,
    `GRANT USAGE ON DATABASE ${db} TO SHARE ${share}`,
    `GRANT USAGE ON SCHEMA ${db}.SHARED TO SHARE ${share}`,
    `GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${share}`,
    ...(accounts.length ? [`ALTER SHARE ${share} ADD ACCOUNTS = ${accounts.join(", ")}`] : []),
  ]);
}

const ids = (rows: { ID: number }[]) => rows.map((r) => Number(r.ID));

export function rowAccessContract(ctx: ContractContext): void {
  describe("row access policies and INVOKER_SHARE()", () => {
    let p: TestConnection;
    let c: TestConnection;
    let db: string;
    let prefix: string;
    let provider: Identity;
    let consumer: Identity;
    const shareA = () => `${prefix}_RAP_A`;
    const shareB = () => `${prefix}_RAP_B`;

    beforeAll(async () => {
      const t = ctx.target();
      prefix = t.prefix;
      db = `${prefix}_RAP`;
      p = await t.provider.connect();
      c = await t.consumer.connect();
      provider = await identity(p);
      consumer = await identity(c);
      await createBoundaryDatabase(p, db);
      await p.execute(`INSERT INTO ${db}.SHARING.ENTITLEMENTS (SHARE_NAME, TENANT) VALUES (?, 'alpha'), (?, 'beta')`, [
        shareA(),
        shareB(),
      ]);
      // Two shares of the same view into the same consumer account (the case the boundary exists for).
      await shareView(p, shareA(), db, [consumer.identifier]);
      await shareView(p, shareB(), db, [consumer.identifier]);
      await c.execute(`CREATE DATABASE ${prefix}_MNT_A FROM SHARE ${provider.identifier}.${shareA()}`);
      await c.execute(`CREATE DATABASE ${prefix}_MNT_B FROM SHARE ${provider.identifier}.${shareB()}`);
      return async () => {
        await p.close();
        await c.close();
      };
    });

    // invoker_share: "Returns the name of the share that directly accessed the table or view where the
    // INVOKER_SHARE function is invoked, otherwise the function returns NULL."
    it("INVOKER_SHARE() outside a share is NULL, for the provider and the consumer", async () => {
      expect(await p.execute("SELECT INVOKER_SHARE() AS S")).toEqual([{ S: null }]);
      expect(await c.execute("SELECT INVOKER_SHARE() AS S")).toEqual([{ S: null }]);
    });

    // invoker_share usage notes (policy attached to a view directly invoked by a share; the example compares it with
    // an unqualified share name) + create-row-access-policy (mapping-table subquery in the body).
    it("each share reads only the rows entitled to it, in the same consumer account; the provider's own read of the view returns none", async () => {
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_A.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([1, 2]);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_B.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([3]);
      expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.SHARED.EVENTS_V`)).toEqual([{ N: 0 }]);
      // The policy is evaluated at each query: a new entitlement row shows at once, through that share only.
      await p.execute(`INSERT INTO ${db}.SHARING.ENTITLEMENTS (SHARE_NAME, TENANT) VALUES (?, 'gamma')`, [shareB()]);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_B.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([3, 4]);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_A.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([1, 2]);
      await p.execute(`DELETE FROM ${db}.SHARING.ENTITLEMENTS WHERE TENANT = 'gamma'`);
    });

    // invoker_share usage notes: CURRENT_ACCOUNT() in a policy is the querying (consumer) account's.
    it("inside the policy CURRENT_ACCOUNT() is the consumer's account and INVOKER_SHARE() the share it read through", async () => {
      const probe = `${db}.RAW.WHO_READS`; // not in SHARING: the DDL test lists that schema's policies
      await runAll(p, [
        `CREATE ROW ACCESS POLICY ${probe} AS (T VARCHAR) RETURNS BOOLEAN -> CURRENT_ACCOUNT() = '${consumer.locator}' AND INVOKER_SHARE() = '${shareB()}'`,
        `CREATE SECURE VIEW ${db}.SHARED.WHO_V ROW ACCESS POLICY ${probe} ON (TENANT) AS SELECT TENANT, ID FROM ${db}.RAW.EVENTS`,
        `GRANT SELECT ON VIEW ${db}.SHARED.WHO_V TO SHARE ${shareA()}`,
        `GRANT SELECT ON VIEW ${db}.SHARED.WHO_V TO SHARE ${shareB()}`,
      ]);
      expect(ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_B.SHARED.WHO_V ORDER BY ID`))).toEqual([
        1, 2, 3, 4,
      ]);
      expect(await c.execute(`SELECT COUNT(*) AS N FROM ${prefix}_MNT_A.SHARED.WHO_V`)).toEqual([{ N: 0 }]);
      expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.SHARED.WHO_V`)).toEqual([{ N: 0 }]);
    });

    // invoker_share usage notes: used inside a UDF called from a policy, INVOKER_SHARE() returns NULL ("the context
    // of the INVOKER_SHARE function is the UDF owner, not the share"); create-function (SQL UDF, expression body).
    it("INVOKER_SHARE() inside a UDF called from the policy is NULL, while the policy's own call names the share", async () => {
      await runAll(p, [
        `CREATE FUNCTION ${db}.RAW.WHICH_SHARE() RETURNS VARCHAR AS 'INVOKER_SHARE()'`,
        `CREATE ROW ACCESS POLICY ${db}.RAW.VIA_UDF AS (T VARCHAR) RETURNS BOOLEAN -> ${db}.RAW.WHICH_SHARE() IS NULL AND INVOKER_SHARE() = '${shareA()}'`,
        `CREATE SECURE VIEW ${db}.SHARED.UDF_V ROW ACCESS POLICY ${db}.RAW.VIA_UDF ON (TENANT) AS SELECT TENANT, ID FROM ${db}.RAW.EVENTS`,
        `GRANT SELECT ON VIEW ${db}.SHARED.UDF_V TO SHARE ${shareA()}`,
        `GRANT SELECT ON VIEW ${db}.SHARED.UDF_V TO SHARE ${shareB()}`,
      ]);
      expect(ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_A.SHARED.UDF_V ORDER BY ID`))).toEqual([
        1, 2, 3, 4,
      ]);
      expect(await c.execute(`SELECT COUNT(*) AS N FROM ${prefix}_MNT_B.SHARED.UDF_V`)).toEqual([{ N: 0 }]);
      expect(await p.execute(`SELECT ${db}.RAW.WHICH_SHARE() AS S`)).toEqual([{ S: null }]);
    });

    it("a policy using INVOKER_SHARE() on a consumer's own local table returns no rows (no share involved)", async () => {
      const local = `${prefix}_LOCAL`;
      await runAll(c, [
        `CREATE DATABASE ${local}`,
        `CREATE TABLE ${local}.PUBLIC.T (K VARCHAR(10))`,
        `INSERT INTO ${local}.PUBLIC.T (K) VALUES ('x')`,
        `CREATE ROW ACCESS POLICY ${local}.PUBLIC.ONLY_SHARES AS (K VARCHAR) RETURNS BOOLEAN -> INVOKER_SHARE() IS NOT NULL`,
        `ALTER TABLE ${local}.PUBLIC.T ADD ROW ACCESS POLICY ${local}.PUBLIC.ONLY_SHARES ON (K)`,
      ]);
      expect(await c.execute(`SELECT COUNT(*) AS N FROM ${local}.PUBLIC.T`)).toEqual([{ N: 0 }]);
      await c.execute(`DROP DATABASE ${local}`);
    });

    // create-row-access-policy (IF NOT EXISTS, duplicates), drop-row-access-policy ("A row access policy cannot be
    // dropped successfully if it is currently assigned to a resource"), alter-view (one row access policy per view:
    // DROP … , ADD … in one statement to swap), desc/show row access policies.
    it("policy DDL: IF NOT EXISTS, duplicate refused, no DROP while attached, one policy per view, swap in one ALTER, SHOW and DESCRIBE", async () => {
      const policy = `${db}.SHARING.BY_SHARE`;
      const other = `${db}.SHARING.ALLOW_GAMMA`;
      expect(
        await p.execute(`CREATE ROW ACCESS POLICY IF NOT EXISTS ${policy} AS (X VARCHAR) RETURNS BOOLEAN -> TRUE`),
      ).toHaveLength(1);
      const dup = await refusal(p.execute(`CREATE ROW ACCESS POLICY ${policy} AS (X VARCHAR) RETURNS BOOLEAN -> TRUE`));
      expect(dup.code).toBe("002002");
      const attachedDrop = await refusal(p.execute(`DROP ROW ACCESS POLICY ${policy}`));
      expect(attachedDrop.code).toMatch(/^\d{6}$/);

      await p.execute(
        `CREATE ROW ACCESS POLICY ${other} AS (T VARCHAR) RETURNS BOOLEAN -> T = 'gamma' COMMENT = 'contract'`,
      );
      const second = await refusal(
        p.execute(`ALTER VIEW ${db}.SHARED.EVENTS_V ADD ROW ACCESS POLICY ${other} ON (TENANT)`),
      );
      expect(second.code).toMatch(/^\d{6}$/);

      const shown = await p.execute<Record<string, string>>(`SHOW ROW ACCESS POLICIES IN SCHEMA ${db}.SHARING`);
      expect(shown.map((r) => [r.name, r.database_name, r.schema_name, r.kind]).sort()).toEqual([
        ["ALLOW_GAMMA", db, "SHARING", "ROW_ACCESS_POLICY"],
        ["BY_SHARE", db, "SHARING", "ROW_ACCESS_POLICY"],
      ]);
      const [desc] = await p.execute<Record<string, string>>(`DESCRIBE ROW ACCESS POLICY ${policy}`);
      expect(desc).toMatchObject({ name: "BY_SHARE", return_type: "BOOLEAN" });
      expect(desc.signature.replace(/\s+/g, " ")).toMatch(/^\(ROW_TENANT VARCHAR/);
      expect(desc.body).toContain("INVOKER_SHARE()");

      // policy_references (https://docs.snowflake.com/en/sql-reference/functions/policy_references): by object, by policy.
      const byView = await p.execute<Record<string, string>>(
        `SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_ENTITY_NAME, REF_ENTITY_DOMAIN FROM TABLE(${db}.INFORMATION_SCHEMA.POLICY_REFERENCES(` +
          `REF_ENTITY_NAME => '${db}.SHARED.EVENTS_V', REF_ENTITY_DOMAIN => 'VIEW'))`,
      );
      expect(byView).toEqual([
        {
          POLICY_DB: db,
          POLICY_SCHEMA: "SHARING",
          POLICY_NAME: "BY_SHARE",
          POLICY_KIND: "ROW_ACCESS_POLICY",
          REF_ENTITY_NAME: "EVENTS_V",
          REF_ENTITY_DOMAIN: "VIEW",
        },
      ]);
      expect(
        await p.execute(
          `SELECT REF_ENTITY_NAME FROM TABLE(${db}.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '${other}'))`,
        ),
      ).toEqual([]);

      await p.execute(
        `ALTER VIEW ${db}.SHARED.EVENTS_V DROP ROW ACCESS POLICY ${policy}, ADD ROW ACCESS POLICY ${other} ON (TENANT)`,
      );
      expect(
        await p.execute(
          `SELECT REF_ENTITY_NAME FROM TABLE(${db}.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '${other}'))`,
        ),
      ).toEqual([{ REF_ENTITY_NAME: "EVENTS_V" }]);
      expect(ids(await p.execute<{ ID: number }>(`SELECT ID FROM ${db}.SHARED.EVENTS_V`))).toEqual([4]);
      // alter-row-access-policy: SET BODY takes effect at the next query.
      await p.execute(`ALTER ROW ACCESS POLICY ${other} SET BODY -> T = 'beta'`);
      expect(ids(await p.execute<{ ID: number }>(`SELECT ID FROM ${db}.SHARED.EVENTS_V`))).toEqual([3]);
      await p.execute(
        `ALTER VIEW ${db}.SHARED.EVENTS_V DROP ROW ACCESS POLICY ${other}, ADD ROW ACCESS POLICY ${policy} ON (TENANT)`,
      );
      await p.execute(`DROP ROW ACCESS POLICY ${other}`);
      expect(await p.execute(`DROP ROW ACCESS POLICY IF EXISTS ${other}`)).toHaveLength(1);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_A.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([1, 2]);
    });

    // create-view: COPY GRANTS "retains the access permissions from the original view"; without it (the default
    // while bcr-2433 is disabled) the replaced view's grants are dropped. The policy belongs to the replaced object:
    // the statement's own ROW ACCESS POLICY clause attaches one to the replacement.
    it("CREATE OR REPLACE SECURE VIEW … ROW ACCESS POLICY … COPY GRANTS keeps both shares working; without COPY GRANTS the consumer loses the view", async () => {
      const replace = (copy: boolean) =>
        `CREATE OR REPLACE SECURE VIEW ${db}.SHARED.EVENTS_V ROW ACCESS POLICY ${db}.SHARING.BY_SHARE ON (TENANT)` +
        `${copy ? " COPY GRANTS" : ""} COMMENT = 'recreated' AS SELECT TENANT, ID FROM ${db}.RAW.EVENTS`;
      await p.execute(replace(true));
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_A.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([1, 2]);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_B.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([3]);

      await p.execute(replace(false));
      const lost = await refusal(c.execute(`SELECT ID FROM ${prefix}_MNT_A.SHARED.EVENTS_V`));
      expect(lost.code).toBe("002003");
      expect(lost.message).toMatch(/does not exist or not authorized/);
      // Granting again restores it, still filtered by the policy.
      await p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${shareA()}`);
      await p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${shareB()}`);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_A.SHARED.EVENTS_V ORDER BY ID`)),
      ).toEqual([1, 2]);
    });

    // alter-table: ADD [COLUMN] [IF NOT EXISTS] … DEFAULT: existing rows get the default.
    it("ALTER TABLE … ADD COLUMN IF NOT EXISTS … DEFAULT FALSE fills existing rows; a policy can use the new column at once", async () => {
      await p.execute(
        `ALTER TABLE ${db}.SHARING.ENTITLEMENTS ADD COLUMN IF NOT EXISTS INCLUDES_PII BOOLEAN DEFAULT FALSE`,
      );
      await p.execute(
        `ALTER TABLE ${db}.SHARING.ENTITLEMENTS ADD COLUMN IF NOT EXISTS INCLUDES_PII BOOLEAN DEFAULT FALSE`,
      );
      expect(
        await p.execute(`SELECT COUNT(*) AS N FROM ${db}.SHARING.ENTITLEMENTS WHERE INCLUDES_PII = FALSE`),
      ).toEqual([{ N: 2 }]);
      await p.execute(`UPDATE ${db}.SHARING.ENTITLEMENTS SET INCLUDES_PII = TRUE WHERE SHARE_NAME IN (?)`, [shareB()]);
      await runAll(p, [
        `CREATE ROW ACCESS POLICY ${db}.SHARING.BY_SHARE_PII AS (ROW_TENANT VARCHAR) RETURNS BOOLEAN -> ` +
          `EXISTS (SELECT 1 FROM ${db}.SHARING.ENTITLEMENTS e WHERE e.SHARE_NAME = INVOKER_SHARE() AND e.TENANT = ROW_TENANT AND e.INCLUDES_PII)`,
        `CREATE SECURE VIEW ${db}.SHARED.EVENTS_ALL ROW ACCESS POLICY ${db}.SHARING.BY_SHARE_PII ON (TENANT) AS SELECT TENANT, ID FROM ${db}.RAW.EVENTS`,
        `GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_ALL TO SHARE ${shareA()}`,
        `GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_ALL TO SHARE ${shareB()}`,
      ]);
      expect(await c.execute(`SELECT COUNT(*) AS N FROM ${prefix}_MNT_A.SHARED.EVENTS_ALL`)).toEqual([{ N: 0 }]);
      expect(
        ids(await c.execute<{ ID: number }>(`SELECT ID FROM ${prefix}_MNT_B.SHARED.EVENTS_ALL ORDER BY ID`)),
      ).toEqual([3]);
    });
  });

  // Replication of a database replicates the policies in it with their attachments (the policy and the protected
  // object in the same database), so a share in the secondary account is filtered by the same policy, with
  // INVOKER_SHARE() = the secondary's share name.
  describe.skipIf(!ctx.spec.hasReplication)("row access policies in a replicated database", () => {
    it("REFRESH copies the policy, its attachment and the entitlements; the replica's share reads its own rows", async () => {
      const t = ctx.target();
      const { provider: replicaConnector, consumer: farConnector } = t.replication!;
      const db = `${t.prefix}_RAP_REPL`;
      const group = `${t.prefix}_RAP_RG`;
      const share = `${t.prefix}_RAP_REPL_SHARE`;
      await using(t.provider, async (src) => {
        await using(replicaConnector, async (replica) => {
          await using(farConnector, async (far) => {
            const target = await identity(replica);
            const consumer = await identity(far);
            await createBoundaryDatabase(src, db);
            await src.execute(`ALTER TABLE ${db}.SHARING.ENTITLEMENTS ADD COLUMN INCLUDES_PII BOOLEAN DEFAULT FALSE`);
            await src.execute(
              `INSERT INTO ${db}.SHARING.ENTITLEMENTS (SHARE_NAME, TENANT, INCLUDES_PII) VALUES (?, 'gamma', TRUE)`,
              [share],
            );
            await src.execute(
              `CREATE REPLICATION GROUP ${group} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${db} ALLOWED_ACCOUNTS = ${target.identifier}`,
            );
            await runAll(replica, [
              `CREATE REPLICATION GROUP ${group} AS REPLICA OF ${(await identity(src)).identifier}.${group}`,
              `ALTER REPLICATION GROUP ${group} REFRESH`,
            ]);

            const policies = await replica.execute<Record<string, string>>(
              `SHOW ROW ACCESS POLICIES IN DATABASE ${db}`,
            );
            expect(policies.map((r) => r.name)).toEqual(["BY_SHARE"]);
            expect(
              await replica.execute(`SELECT COUNT(*) AS N FROM ${db}.SHARING.ENTITLEMENTS WHERE INCLUDES_PII`),
            ).toEqual([{ N: 1 }]);
            expect(await replica.execute(`SELECT COUNT(*) AS N FROM ${db}.SHARED.EVENTS_V`)).toEqual([{ N: 0 }]);

            await shareView(replica, share, db, [consumer.identifier]);
            await far.execute(`CREATE DATABASE ${t.prefix}_MNT_RAP_REPL FROM SHARE ${target.identifier}.${share}`);
            expect(
              ids(
                await far.execute<{ ID: number }>(
                  `SELECT ID FROM ${t.prefix}_MNT_RAP_REPL.SHARED.EVENTS_V ORDER BY ID`,
                ),
              ),
            ).toEqual([4]);
          });
        });
      });
    });
  });
}
