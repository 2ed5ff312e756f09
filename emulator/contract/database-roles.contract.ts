// Database roles: CREATE / DROP / SHOW DATABASE ROLES, privileges granted to them, GRANT DATABASE ROLE … TO ROLE
// and … TO SHARE with its documented rules, and the consumer side: after mounting, a role granted one shared
// database role sees exactly that role's objects, IMPORTED PRIVILEGES all of the share.
//
// Documentation followed:
// - CREATE DATABASE ROLE: https://docs.snowflake.com/en/sql-reference/sql/create-database-role
// - GRANT DATABASE ROLE (to a role or a database role of the same database): https://docs.snowflake.com/en/sql-reference/sql/grant-database-role
// - GRANT DATABASE ROLE … TO SHARE (read-only privileges only; consumers grant it to their roles):
//   https://docs.snowflake.com/sql-reference/sql/grant-database-role-share
// - Sharing with database roles ("Grant a database role to a share", IMPORTED PRIVILEGES gives everything):
//   https://docs.snowflake.com/user-guide/data-share-providers
// - SHOW DATABASE ROLES: https://docs.snowflake.com/en/sql-reference/sql/show-database-roles
// - USE SECONDARY ROLES: https://docs.snowflake.com/sql-reference/sql/use-secondary-roles
import { beforeAll, describe, expect, it } from "vitest";
import {
  createScopedDatabase,
  entitle,
  identity,
  refusal,
  rowsOf,
  runAll,
  type ContractContext,
  type Identity,
} from "./support";
import type { TestConnection } from "./target";

type GrantRow = { privilege: string; granted_on: string; name: string; granted_to: string; grantee_name: string };

async function adminRole(conn: TestConnection): Promise<{ user: string; role: string }> {
  const [row] = await conn.execute<{ U: string; R: string }>("SELECT CURRENT_USER() AS U, CURRENT_ROLE() AS R");
  return { user: row.U, role: row.R };
}

async function asRole<T>(conn: TestConnection, role: string, admin: string, work: () => Promise<T>): Promise<T> {
  await conn.execute(`USE ROLE ${role}`);
  await conn.execute("USE SECONDARY ROLES NONE");
  try {
    return await work();
  } finally {
    await conn.execute(`USE ROLE ${admin}`);
    await conn.execute("USE SECONDARY ROLES ALL");
  }
}

export function databaseRolesContract(ctx: ContractContext): void {
  describe("database roles", () => {
    let p: TestConnection;
    let c: TestConnection;
    let prefix: string;
    let db: string;
    let provider: Identity;
    let consumer: Identity;
    let pAdmin: { user: string; role: string };
    let cAdmin: { user: string; role: string };
    const analyst = () => `${prefix}_DBR_ANALYST`;

    beforeAll(async () => {
      const t = ctx.target();
      prefix = t.prefix;
      db = `${prefix}_DBR`;
      p = await t.provider.connect();
      c = await t.consumer.connect();
      provider = await identity(p);
      consumer = await identity(c);
      pAdmin = await adminRole(p);
      cAdmin = await adminRole(c);
      await createScopedDatabase(p, db);
      await entitle(p, db, consumer.locator, "alpha");
      await runAll(p, [
        `CREATE SECURE VIEW ${db}.SHARED.TENANTS_V AS SELECT DISTINCT TENANT FROM ${db}.PRIVATE.EVENTS`,
        `CREATE DATABASE ROLE ${db}.EVENTS_READER COMMENT = 'events only'`,
        `GRANT USAGE ON SCHEMA ${db}.SHARED TO DATABASE ROLE ${db}.EVENTS_READER`,
        `GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO DATABASE ROLE ${db}.EVENTS_READER`,
      ]);
      return async () => {
        await p.execute(`DROP ROLE IF EXISTS ${analyst()}`);
        await c.execute(`DROP ROLE IF EXISTS ${analyst()}`);
        await p.close();
        await c.close();
      };
    });

    it("CREATE DATABASE ROLE [IF NOT EXISTS] | OR REPLACE, SHOW DATABASE ROLES IN DATABASE, DROP DATABASE ROLE [IF EXISTS]", async () => {
      const role = `${db}.SCRATCH`;
      expect(await p.execute(`CREATE DATABASE ROLE ${role}`)).toEqual([
        { status: "Database role SCRATCH successfully created." },
      ]);
      expect(await p.execute(`CREATE DATABASE ROLE IF NOT EXISTS ${role}`)).toEqual([
        { status: "SCRATCH already exists, statement succeeded." },
      ]);
      expect(await refusal(p.execute(`CREATE DATABASE ROLE ${role}`))).toMatchObject({ code: "002002" });
      await p.execute(`CREATE OR REPLACE DATABASE ROLE ${role}`);
      const shown = await p.execute<{ name: string; comment: string }>(`SHOW DATABASE ROLES IN DATABASE ${db}`);
      expect(shown.map((r) => r.name).sort()).toEqual(["EVENTS_READER", "SCRATCH"]);
      expect(shown.find((r) => r.name === "EVENTS_READER")?.comment).toBe("events only");
      await p.execute(`DROP DATABASE ROLE ${role}`);
      expect(await p.execute(`DROP DATABASE ROLE IF EXISTS ${role}`)).toEqual([
        { status: "Drop statement executed successfully (SCRATCH already dropped)." },
      ]);
      expect(await refusal(p.execute(`DROP DATABASE ROLE ${role}`))).toMatchObject({ code: "002003" });
    });

    it("a database role granted to an account role gives it the database role's privileges; SHOW GRANTS TO DATABASE ROLE lists them", async () => {
      await runAll(p, [`CREATE ROLE ${analyst()}`, `GRANT ROLE ${analyst()} TO USER ${pAdmin.user}`]);
      const select = `SELECT COUNT(*) AS N FROM ${db}.SHARED.EVENTS_V`;
      expect(await asRole(p, analyst(), pAdmin.role, () => refusal(p.execute(select)))).toMatchObject({
        code: "002003",
      });
      await runAll(p, [
        `GRANT USAGE ON DATABASE ${db} TO DATABASE ROLE ${db}.EVENTS_READER`,
        `GRANT DATABASE ROLE ${db}.EVENTS_READER TO ROLE ${analyst()}`,
      ]);
      // The provider is not entitled to any tenant: the view answers, with no rows.
      expect(Number((await asRole(p, analyst(), pAdmin.role, () => p.execute<{ N: number }>(select)))[0].N)).toBe(0);
      expect(
        await asRole(p, analyst(), pAdmin.role, () => refusal(p.execute(`SELECT * FROM ${db}.SHARED.TENANTS_V`))),
      ).toMatchObject({ code: "002003" });
      const grants = await p.execute<GrantRow>(`SHOW GRANTS TO DATABASE ROLE ${db}.EVENTS_READER`);
      expect(grants).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            privilege: "USAGE",
            granted_on: "SCHEMA",
            name: `${db}.SHARED`,
            granted_to: "DATABASE_ROLE",
            grantee_name: `${db}.EVENTS_READER`,
          }),
          expect.objectContaining({ privilege: "SELECT", granted_on: "VIEW", name: `${db}.SHARED.EVENTS_V` }),
        ]),
      );
      await p.execute(`REVOKE DATABASE ROLE ${db}.EVENTS_READER FROM ROLE ${analyst()}`);
      expect(await asRole(p, analyst(), pAdmin.role, () => refusal(p.execute(select)))).toMatchObject({
        code: "002003",
      });
    });

    it("GRANT DATABASE ROLE … TO SHARE: needs the share's database; a database role holding a DDL privilege is refused", async () => {
      const share = `${prefix}_DBR_RULES`;
      const other = `${prefix}_DBR_OTHER`;
      await runAll(p, [
        `CREATE SHARE ${share}`,
        `CREATE DATABASE ${other}`,
        `CREATE DATABASE ROLE ${other}.R`,
        `GRANT USAGE ON DATABASE ${db} TO SHARE ${share}`,
      ]);
      expect((await refusal(p.execute(`GRANT DATABASE ROLE ${other}.R TO SHARE ${share}`))).code).toMatch(/^00\d{4}$/);
      await runAll(p, [
        `CREATE DATABASE ROLE ${db}.WRITER`,
        `GRANT CREATE TABLE ON SCHEMA ${db}.SHARED TO DATABASE ROLE ${db}.WRITER`,
      ]);
      expect((await refusal(p.execute(`GRANT DATABASE ROLE ${db}.WRITER TO SHARE ${share}`))).code).toMatch(
        /^00\d{4}$/,
      );
      await p.execute(`GRANT DATABASE ROLE ${db}.EVENTS_READER TO SHARE ${share}`);
      const grants = await p.execute<GrantRow>(`SHOW GRANTS TO SHARE ${share}`);
      expect(grants.map((g) => [g.granted_on, g.name])).toEqual(
        expect.arrayContaining([
          ["DATABASE", db],
          ["DATABASE_ROLE", `${db}.EVENTS_READER`],
        ]),
      );
      await runAll(p, [`DROP SHARE ${share}`, `DROP DATABASE ${other}`, `DROP DATABASE ROLE ${db}.WRITER`]);
    });

    it("consumer: a role granted the shared database role sees only that role's objects; IMPORTED PRIVILEGES sees the whole share", async () => {
      const share = `${prefix}_DBR_SHARE`;
      const mount = `${prefix}_DBR_MNT`;
      await runAll(p, [
        `CREATE SHARE ${share}`,
        `GRANT USAGE ON DATABASE ${db} TO SHARE ${share}`,
        `GRANT USAGE ON SCHEMA ${db}.SHARED TO SHARE ${share}`,
        `GRANT SELECT ON VIEW ${db}.SHARED.TENANTS_V TO SHARE ${share}`,
        `GRANT DATABASE ROLE ${db}.EVENTS_READER TO SHARE ${share}`,
        `ALTER SHARE ${share} ADD ACCOUNTS = ${consumer.identifier}`,
      ]);
      await runAll(c, [
        `CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`,
        `CREATE ROLE ${analyst()}`,
        `GRANT ROLE ${analyst()} TO USER ${cAdmin.user}`,
      ]);
      expect(
        (await c.execute<{ name: string }>(`SHOW DATABASE ROLES IN DATABASE ${mount}`)).map((r) => r.name),
      ).toEqual(["EVENTS_READER"]);
      const events = `SELECT TENANT, ID, AMOUNT FROM ${mount}.SHARED.EVENTS_V ORDER BY ID`;
      const tenants = `SELECT TENANT FROM ${mount}.SHARED.TENANTS_V ORDER BY TENANT`;
      expect(await asRole(c, analyst(), cAdmin.role, () => refusal(c.execute(events)))).toMatchObject({
        code: "002003",
      });

      await c.execute(`GRANT DATABASE ROLE ${mount}.EVENTS_READER TO ROLE ${analyst()}`);
      const scoped = await asRole(c, analyst(), cAdmin.role, async () => ({
        events: await c.execute<{ TENANT: string; ID: number; AMOUNT: number }>(events),
        tenants: await refusal(c.execute(tenants)),
      }));
      expect(scoped.events.map((r) => ({ TENANT: r.TENANT, ID: Number(r.ID), AMOUNT: Number(r.AMOUNT) }))).toEqual(
        rowsOf("alpha"),
      );
      expect(scoped.tenants).toMatchObject({
        code: "002003",
        message: `SQL compilation error:\nObject '${mount}.SHARED.TENANTS_V' does not exist or not authorized.`,
      });
      const held = await c.execute<GrantRow>(`SHOW GRANTS TO ROLE ${analyst()}`);
      expect(held).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            privilege: "USAGE",
            granted_on: "DATABASE_ROLE",
            name: `${mount}.EVENTS_READER`,
            granted_to: "ROLE",
            grantee_name: analyst(),
          }),
        ]),
      );

      await c.execute(`GRANT IMPORTED PRIVILEGES ON DATABASE ${mount} TO ROLE ${analyst()}`);
      const all = await asRole(c, analyst(), cAdmin.role, () => c.execute<{ TENANT: string }>(tenants));
      expect(all.map((r) => r.TENANT)).toEqual(["alpha", "beta", "gamma"]);
    });
  });
}
