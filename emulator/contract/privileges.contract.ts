// Access control as Snowflake enforces it: USAGE on database and schema, SELECT on tables and views, CREATE
// privileges and OWNERSHIP, the role hierarchy, USE ROLE / USE SECONDARY ROLES, SHOW GRANTS — and Floe's
// own mount instructions run for real in a consumer account: a role without IMPORTED PRIVILEGES cannot see
// the mounted database, with them it reads exactly its rows.
//
// Documentation followed:
// - Overview of access control (system roles, hierarchy, ownership): https://docs.snowflake.com/en/user-guide/security-access-control-overview
// - Access control privileges (USAGE, SELECT, CREATE SCHEMA, IMPORTED PRIVILEGES): https://docs.snowflake.com/en/user-guide/security-access-control-privileges
// - GRANT <privileges> … TO ROLE: https://docs.snowflake.com/en/sql-reference/sql/grant-privilege
// - GRANT ROLE (role hierarchy): https://docs.snowflake.com/sql-reference/sql/grant-role
// - USE ROLE ("the role must have been granted to the user"): https://docs.snowflake.com/sql-reference/sql/use-role
// - USE SECONDARY ROLES (NONE: all authorization from the primary role): https://docs.snowflake.com/sql-reference/sql/use-secondary-roles
// - DEFAULT_SECONDARY_ROLES defaults to ('ALL'): https://docs.snowflake.com/en/release-notes/bcr-bundles/2024_07/bcr-1692
// - SHOW GRANTS columns: https://docs.snowflake.com/en/sql-reference/sql/show-grants,
//   TO USER columns https://docs.snowflake.com/en/release-notes/bcr-bundles/2025_01/bcr-1803
// - Consuming a share (ACCOUNTADMIN or IMPORT SHARE), GRANT IMPORTED PRIVILEGES: https://docs.snowflake.com/en/user-guide/data-share-consumers
// - IMPORT SHARE / CREATE SHARE only with ACCOUNTADMIN by default: https://docs.snowflake.com/user-guide/security-access-privileges-shares
// - "does not exist or not authorized" (002003): https://docs.snowflake.com/en/release-notes/bcr-bundles/un-bundled/bcr-1858
import { beforeAll, describe, expect, it } from "vitest";
import { mountInstructions } from "@/lib/provisioning/mount-instructions";
import type { Plan } from "@/lib/provisioning/plan-types";
import {
  createScopedDatabase,
  entitle,
  identity,
  provisionShare,
  refusal,
  rowsOf,
  runAll,
  type ContractContext,
  type Identity,
} from "./support";
import type { TestConnection } from "./target";

type GrantRow = { privilege: string; granted_on: string; name: string; granted_to: string; grantee_name: string };

/** The session's user and primary role, to grant roles to and to switch back to. */
export async function whoAmI(conn: TestConnection): Promise<{ user: string; role: string }> {
  const [row] = await conn.execute<{ U: string; R: string }>("SELECT CURRENT_USER() AS U, CURRENT_ROLE() AS R");
  return { user: row.U, role: row.R };
}

/** Runs `work` as `role` alone (no secondary roles), then restores the admin role and secondary roles. */
export async function asRole<T>(conn: TestConnection, role: string, admin: string, work: () => Promise<T>): Promise<T> {
  await conn.execute(`USE ROLE ${role}`);
  await conn.execute("USE SECONDARY ROLES NONE");
  try {
    return await work();
  } finally {
    await conn.execute(`USE ROLE ${admin}`);
    await conn.execute("USE SECONDARY ROLES ALL");
  }
}

/** The plan fields mount-instructions reads, for a share of the scoped dataset's secure view. */
function planFor(provider: Identity, share: string, db: string): Plan {
  return {
    kind: "provision",
    stage: "complete",
    requestId: "contract",
    shareName: share,
    crossRegion: false,
    consumer: { account: "", region: "" },
    sourceAccountId: "",
    shareAccountId: "",
    database: db,
    replication: null,
    providerAccountRef: provider.identifier,
    steps: [],
    expectedShare: {
      accountId: "",
      shareName: share,
      database: db,
      accounts: [],
      grants: [{ privilege: "SELECT", grantedOn: "VIEW", name: `${db}.SHARED.EVENTS_V` }],
    },
  };
}

export function privilegesContract(ctx: ContractContext): void {
  describe("privileges", () => {
    let p: TestConnection;
    let c: TestConnection;
    let prefix: string;
    let db: string;
    let provider: Identity;
    let consumer: Identity;
    let pAdmin: { user: string; role: string };
    let cAdmin: { user: string; role: string };
    const reader = () => `${prefix}_READER`;
    const lead = () => `${prefix}_LEAD`;

    beforeAll(async () => {
      const t = ctx.target();
      prefix = t.prefix;
      db = `${prefix}_PRIV`;
      p = await t.provider.connect();
      c = await t.consumer.connect();
      provider = await identity(p);
      consumer = await identity(c);
      pAdmin = await whoAmI(p);
      cAdmin = await whoAmI(c);
      await createScopedDatabase(p, db);
      await runAll(p, [
        `CREATE ROLE ${reader()}`,
        `CREATE ROLE ${lead()}`,
        `GRANT ROLE ${reader()} TO USER ${pAdmin.user}`,
        `GRANT ROLE ${lead()} TO USER ${pAdmin.user}`,
      ]);
      return async () => {
        await runAll(p, [`DROP ROLE IF EXISTS ${reader()}`, `DROP ROLE IF EXISTS ${lead()}`]);
        await c.execute(`DROP ROLE IF EXISTS ${reader()}`);
        await p.close();
        await c.close();
      };
    });

    it("a role without USAGE on the database cannot see its tables (002003); USAGE on database and schema plus SELECT reads the rows", async () => {
      const select = `SELECT TENANT, ID, AMOUNT FROM ${db}.PRIVATE.EVENTS ORDER BY ID`;
      const missing = {
        code: "002003",
        message: `SQL compilation error:\nObject '${db}.PRIVATE.EVENTS' does not exist or not authorized.`,
      };
      expect(await asRole(p, reader(), pAdmin.role, () => refusal(p.execute(select)))).toMatchObject(missing);
      await runAll(p, [
        `GRANT USAGE ON DATABASE ${db} TO ROLE ${reader()}`,
        `GRANT USAGE ON SCHEMA ${db}.PRIVATE TO ROLE ${reader()}`,
      ]);
      // USAGE on the containers alone shows no table: a role sees only objects it holds a privilege on.
      expect(await asRole(p, reader(), pAdmin.role, () => refusal(p.execute(select)))).toMatchObject(missing);
      await p.execute(`GRANT SELECT ON TABLE ${db}.PRIVATE.EVENTS TO ROLE ${reader()}`);
      const rows = await asRole(p, reader(), pAdmin.role, () =>
        p.execute<{ TENANT: string; ID: number; AMOUNT: number }>(select),
      );
      expect(rows.map((r) => Number(r.ID))).toEqual([1, 2, 3, 4, 5]);
      // SELECT does not give INSERT: the table is visible, the write is refused (003001).
      expect(
        await asRole(p, reader(), pAdmin.role, () =>
          refusal(p.execute(`INSERT INTO ${db}.PRIVATE.EVENTS (TENANT, ID) VALUES ('x', 9)`)),
        ),
      ).toMatchObject({ code: "003001" });
      // The sibling table got no grant and stays invisible.
      expect(
        await asRole(p, reader(), pAdmin.role, () => refusal(p.execute(`SELECT * FROM ${db}.PRIVATE.ENTITLEMENTS`))),
      ).toMatchObject({ code: "002003" });
    });

    it("GRANT ROLE r TO ROLE p: p inherits r's privileges; revoking it takes them away", async () => {
      const select = `SELECT COUNT(*) AS N FROM ${db}.PRIVATE.EVENTS`;
      await runAll(p, [
        `GRANT USAGE ON DATABASE ${db} TO ROLE ${reader()}`,
        `GRANT USAGE ON SCHEMA ${db}.PRIVATE TO ROLE ${reader()}`,
        `GRANT SELECT ON TABLE ${db}.PRIVATE.EVENTS TO ROLE ${reader()}`,
      ]);
      expect(await asRole(p, lead(), pAdmin.role, () => refusal(p.execute(select)))).toMatchObject({ code: "002003" });
      await p.execute(`GRANT ROLE ${reader()} TO ROLE ${lead()}`);
      expect(Number((await asRole(p, lead(), pAdmin.role, () => p.execute<{ N: number }>(select)))[0].N)).toBe(5);
      const of = await p.execute<{ role: string; granted_to: string; grantee_name: string }>(
        `SHOW GRANTS OF ROLE ${reader()}`,
      );
      expect(of).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: reader(), granted_to: "ROLE", grantee_name: lead() }),
          expect.objectContaining({ role: reader(), granted_to: "USER", grantee_name: pAdmin.user }),
        ]),
      );
      await p.execute(`REVOKE ROLE ${reader()} FROM ROLE ${lead()}`);
      expect(await asRole(p, lead(), pAdmin.role, () => refusal(p.execute(select)))).toMatchObject({ code: "002003" });
    });

    it("USE ROLE needs a role granted to the user; SHOW GRANTS TO USER lists the user's roles", async () => {
      const stranger = `${prefix}_STRANGER`;
      await p.execute(`CREATE ROLE ${stranger}`);
      try {
        expect(await refusal(p.execute(`USE ROLE ${stranger}`))).toMatchObject({
          code: "002003",
          message: `SQL compilation error:\nRole '${stranger}' does not exist or not authorized.`,
        });
        expect((await whoAmI(p)).role).toBe(pAdmin.role);
        const mine = await p.execute<{ role: string; grantee_name: string }>(`SHOW GRANTS TO USER ${pAdmin.user}`);
        expect(mine.map((r) => r.role)).toEqual(expect.arrayContaining([reader(), lead()]));
        expect(mine.map((r) => r.role)).not.toContain(stranger);
      } finally {
        await p.execute(`DROP ROLE ${stranger}`);
      }
    });

    it("CREATE SCHEMA needs the CREATE SCHEMA privilege; the creating role owns the schema (SHOW GRANTS ON / TO ROLE)", async () => {
      await p.execute(`GRANT USAGE ON DATABASE ${db} TO ROLE ${lead()}`);
      expect(await asRole(p, lead(), pAdmin.role, () => refusal(p.execute(`CREATE SCHEMA ${db}.TEAM`)))).toMatchObject({
        code: "003001",
        sqlState: "42501",
      });
      await p.execute(`GRANT CREATE SCHEMA ON DATABASE ${db} TO ROLE ${lead()}`);
      await asRole(p, lead(), pAdmin.role, () => p.execute(`CREATE SCHEMA ${db}.TEAM`));
      const on = await p.execute<GrantRow>(`SHOW GRANTS ON SCHEMA ${db}.TEAM`);
      expect(on).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            privilege: "OWNERSHIP",
            granted_on: "SCHEMA",
            name: `${db}.TEAM`,
            granted_to: "ROLE",
            grantee_name: lead(),
          }),
        ]),
      );
      const to = await p.execute<GrantRow>(`SHOW GRANTS TO ROLE ${lead()}`);
      expect(to).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            privilege: "USAGE",
            granted_on: "DATABASE",
            name: db,
            granted_to: "ROLE",
            grantee_name: lead(),
          }),
          expect.objectContaining({ privilege: "CREATE SCHEMA", granted_on: "DATABASE", name: db }),
          expect.objectContaining({ privilege: "OWNERSHIP", granted_on: "SCHEMA", name: `${db}.TEAM` }),
        ]),
      );
      // The owner may drop its schema; a role that is not the owner may not drop the database.
      expect(await asRole(p, lead(), pAdmin.role, () => refusal(p.execute(`DROP DATABASE ${db}`)))).toMatchObject({
        code: "003001",
      });
      await asRole(p, lead(), pAdmin.role, () => p.execute(`DROP SCHEMA ${db}.TEAM`));
    });

    it("Floe's mount instructions work for real: without IMPORTED PRIVILEGES the consumer role cannot see the database; with them it reads exactly its rows", async () => {
      const share = `${prefix}_PRIV_MOUNT`;
      const mount = `${prefix}_PRIV_MNT`;
      await entitle(p, db, consumer.locator, "alpha");
      await provisionShare(p, share, db, [consumer.identifier]);
      const instructions = mountInstructions({
        plan: planFor(provider, share, db),
        consumer: { localDatabase: mount, role: reader() },
      });
      expect(instructions.statements).toEqual([
        `CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share};`,
        `GRANT IMPORTED PRIVILEGES ON DATABASE ${mount} TO ROLE ${reader()};`,
      ]);
      const [createDb, grantImported] = instructions.statements.map((s) => s.replace(/;$/, ""));
      // Creating a database from a share needs IMPORT SHARE, which only ACCOUNTADMIN holds by default: SYSADMIN can
      // create databases but not this one (data-share-consumers; security-access-privileges-shares).
      expect(await asRole(c, "SYSADMIN", cAdmin.role, () => refusal(c.execute(createDb)))).toMatchObject({
        code: "003001",
      });
      await runAll(c, [createDb, `CREATE ROLE ${reader()}`, `GRANT ROLE ${reader()} TO USER ${cAdmin.user}`]);
      const select = `SELECT TENANT, ID, AMOUNT FROM ${mount}.SHARED.EVENTS_V ORDER BY ID`;
      const before = await asRole(c, reader(), cAdmin.role, async () => ({
        read: await refusal(c.execute(select)),
        databases: (await c.execute<{ name: string }>("SHOW DATABASES")).map((d) => d.name),
      }));
      expect(before.read).toMatchObject({
        code: "002003",
        message: `SQL compilation error:\nObject '${mount}.SHARED.EVENTS_V' does not exist or not authorized.`,
      });
      expect(before.databases).not.toContain(mount);
      await c.execute(grantImported);
      const rows = await asRole(c, reader(), cAdmin.role, () =>
        c.execute<{ TENANT: string; ID: number; AMOUNT: number }>(select),
      );
      expect(rows.map((r) => ({ TENANT: r.TENANT, ID: Number(r.ID), AMOUNT: Number(r.AMOUNT) }))).toEqual(
        rowsOf("alpha"),
      );
      // Nothing but IMPORTED PRIVILEGES can be granted on a database from a share.
      expect((await refusal(c.execute(`GRANT USAGE ON DATABASE ${mount} TO ROLE ${reader()}`))).code).toMatch(
        /^00(2|3)\d{3}$/,
      );
      await c.execute(`REVOKE IMPORTED PRIVILEGES ON DATABASE ${mount} FROM ROLE ${reader()}`);
      expect(await asRole(c, reader(), cAdmin.role, () => refusal(c.execute(select)))).toMatchObject({
        code: "002003",
      });
    });
  });
}
