// Every sharing statement the product uses, with its success and refusal cases, and the consumer side:
// mount, row scoping by CURRENT_ACCOUNT(), revocation at once, cross-region refusal.
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountsOf,
  contractTest,
  createScopedDatabase,
  entitle,
  identity,
  provisionShare,
  refusal,
  rowsOf,
  showShare,
  using,
  type ContractContext,
  type Identity,
} from "./support";
import type { TestConnection } from "./target";

export function sharingContract(ctx: ContractContext): void {
  describe("sharing", () => {
    let p: TestConnection;
    let db: string;
    let prefix: string;
    let provider: Identity;
    let consumer: Identity;
    let second: Identity | undefined;
    const SELECT_EVENTS = (mount: string) => `SELECT TENANT, ID, AMOUNT FROM ${mount}.SHARED.EVENTS_V ORDER BY ID`;

    beforeAll(async () => {
      const t = ctx.target();
      prefix = t.prefix;
      db = `${prefix}_LAKE`;
      p = await t.provider.connect();
      provider = await identity(p);
      consumer = await using(t.consumer, identity);
      second = t.secondConsumer ? await using(t.secondConsumer, identity) : undefined;
      await createScopedDatabase(p, db);
      await entitle(p, db, consumer.locator, "alpha");
      if (second) await entitle(p, db, second.locator, "beta");
      return () => p.close();
    });

    it("CREATE SHARE [IF NOT EXISTS]; a duplicate is refused with 002002", async () => {
      const share = `${prefix}_CREATE`;
      expect(await p.execute(`CREATE SHARE ${share} COMMENT = 'contract'`)).toEqual([
        { status: `Share ${share} successfully created.` },
      ]);
      expect(await p.execute(`CREATE SHARE IF NOT EXISTS ${share}`)).toEqual([
        { status: `${share} already exists, statement succeeded.` },
      ]);
      expect(await refusal(p.execute(`CREATE SHARE ${share}`))).toMatchObject({
        code: "002002",
        sqlState: "42710",
        message: `SQL compilation error:\nObject '${share}' already exists.`,
      });
      expect(await showShare(p, share)).toMatchObject({
        kind: "OUTBOUND",
        owner_account: provider.identifier,
        name: share,
        database_name: "",
        to: "",
        comment: "contract",
      });
    });

    // SHOW SHARES gained SECURE_OBJECTS_ONLY in bundle 2024_04 (release-notes/bcr-bundles/2024_04/bcr-1600);
    // INFORMATION_SCHEMA.SHARES documents it too. Default TRUE: only secure views can be shared.
    contractTest(
      ctx,
      "show-shares-secure-objects-only",
      "SHOW SHARES has the secure_objects_only column (true by default)",
      async () => {
        const share = `${prefix}_SECURE_ONLY`;
        await p.execute(`CREATE SHARE ${share}`);
        const row = (await showShare(p, share)) as Record<string, unknown> | undefined;
        expect(String(row?.secure_objects_only)).toBe("true");
      },
    );

    it("GRANT USAGE/SELECT … TO SHARE (re-granting succeeds); DESC SHARE and SHOW GRANTS TO SHARE read them back", async () => {
      const share = `${prefix}_GRANTS`;
      await provisionShare(p, share, db);
      await p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${share}`); // again: no error
      expect((await showShare(p, share))?.database_name).toBe(db);

      const desc = await p.execute<{ kind: string; name: string; shared_on: unknown }>(`DESC SHARE ${share}`);
      expect(desc.map((r) => [r.kind, r.name])).toEqual([
        ["DATABASE", db],
        ["SCHEMA", `${db}.SHARED`],
        ["VIEW", `${db}.SHARED.EVENTS_V`],
      ]);
      expect(desc.every((r) => r.shared_on instanceof Date)).toBe(true);

      const grants = await p.execute<Record<string, string>>(`SHOW GRANTS TO SHARE ${share}`);
      expect(grants.map((g) => [g.privilege, g.granted_on, g.name, g.granted_to]).sort()).toEqual([
        ["SELECT", "VIEW", `${db}.SHARED.EVENTS_V`, "SHARE"],
        ["USAGE", "DATABASE", db, "SHARE"],
        ["USAGE", "SCHEMA", `${db}.SHARED`, "SHARE"],
      ]);
      expect(grants.every((g) => g.grantee_name.endsWith(`.${share}`))).toBe(true);
    });

    it("GRANT … TO SHARE refuses a non-secure view, a missing view and a missing share", async () => {
      const share = `${prefix}_REFUSE`;
      await provisionShare(p, share, db);
      const plain = await refusal(p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.PLAIN_V TO SHARE ${share}`));
      expect(plain.code).toMatch(/^\d{6}$/);
      // The documented text (https://docs.snowflake.com/en/release-notes/bcr-bundles/2023_06/bcr-1220); the code is not documented.
      expect(plain.message).toMatch(
        /A view can only be shared if it is created as a SECURE view, or marked SECURE using ALTER VIEW .* SET SECURE\./,
      );
      const view = await refusal(p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.NOPE TO SHARE ${share}`));
      expect(view.code).toBe("002003");
      expect(view.message).toMatch(/NOPE' does not exist or not authorized\.$/);
      const missing = await refusal(p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${share}_NOPE`));
      expect(missing).toMatchObject({
        code: "002003",
        message: `SQL compilation error:\nShare '${share}_NOPE' does not exist or not authorized.`,
      });
      const desc = await p.execute<{ name: string }>(`DESC SHARE ${share}`);
      expect(desc.map((r) => r.name)).not.toContain(`${db}.SHARED.PLAIN_V`);
    });

    it("ALTER SHARE ADD/REMOVE/SET ACCOUNTS; SHOW SHARES `to` and SHOW GRANTS OF SHARE follow; a missing share is 002003", async () => {
      const share = `${prefix}_ACCOUNTS`;
      await provisionShare(p, share, db);
      await p.execute(`ALTER SHARE ${share} ADD ACCOUNTS = ${consumer.identifier}`);
      await p.execute(`ALTER SHARE ${share} ADD ACCOUNTS = ${consumer.identifier}`); // already listed: no effect
      expect(accountsOf(await showShare(p, share))).toEqual([consumer.identifier]);
      const of = await p.execute<Record<string, unknown>>(`SHOW GRANTS OF SHARE ${share}`);
      expect(of).toHaveLength(1);
      expect(Object.values(of[0])).toContain(consumer.identifier);

      const replacement = second ?? consumer;
      await p.execute(`ALTER SHARE ${share} SET ACCOUNTS = ${replacement.identifier}`);
      expect(accountsOf(await showShare(p, share))).toEqual([replacement.identifier]);
      await p.execute(`ALTER SHARE ${share} REMOVE ACCOUNTS = ${replacement.identifier}`);
      // alter-share (https://docs.snowflake.com/en/sql-reference/sql/alter-share): removing an account that is not in
      // the share's list of accounts has no effect (here by name, then by locator).
      await p.execute(`ALTER SHARE ${share} REMOVE ACCOUNTS = ${replacement.identifier}`);
      await p.execute(`ALTER SHARE ${share} REMOVE ACCOUNTS = ${replacement.locator}`);
      expect(accountsOf(await showShare(p, share))).toEqual([]);
      expect(await p.execute(`SHOW GRANTS OF SHARE ${share}`)).toEqual([]);

      expect(await refusal(p.execute(`ALTER SHARE ${share}_NOPE ADD ACCOUNTS = ${consumer.identifier}`))).toMatchObject(
        {
          code: "002003",
          message: `SQL compilation error:\nShare '${share}_NOPE' does not exist or not authorized.`,
        },
      );
      expect(await p.execute(`ALTER SHARE IF EXISTS ${share}_NOPE ADD ACCOUNTS = ${consumer.identifier}`)).toHaveLength(
        1,
      );
    });

    it.skipIf(!ctx.spec.hasOtherRegionConsumer)(
      "ADD ACCOUNTS of an account in another region is refused (direct shares stay in-region)",
      async () => {
        const share = `${prefix}_XREGION`;
        await provisionShare(p, share, db);
        const other = ctx.target().consumerOtherRegion!.identifier!;
        const err = await refusal(p.execute(`ALTER SHARE ${share} ADD ACCOUNTS = ${other}`));
        expect(err.code).toMatch(/^\d{6}$/);
        expect(accountsOf(await showShare(p, share))).toEqual([]);
        const set = await refusal(p.execute(`ALTER SHARE ${share} SET ACCOUNTS = ${other}`));
        expect(set.code).toBe(err.code);
        if (ctx.spec.kind === "emulator") expect(err.message).toMatch(/region AWS_EU_CENTRAL_1.*region AWS_US_EAST_1/s);
      },
    );

    it("a consumer not in the share cannot mount it (002003) until it is added", async () => {
      const share = `${prefix}_MOUNT`;
      const mount = `${prefix}_MNT_MOUNT`;
      await provisionShare(p, share, db);
      await using(ctx.target().consumer, async (c) => {
        const err = await refusal(c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`));
        expect(err).toMatchObject({
          code: "002003",
          message: `SQL compilation error:\nShare '${provider.identifier}.${share}' does not exist or not authorized.`,
        });
        await p.execute(`ALTER SHARE ${share} ADD ACCOUNTS = ${consumer.identifier}`);
        expect(await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`)).toEqual([
          { status: `Database ${mount} successfully created.` },
        ]);
        expect(await c.execute(SELECT_EVENTS(mount))).toEqual(rowsOf("alpha"));
      });
    });

    it("consumers mount the share and each sees only its entitled rows; the provider's own session sees none", async () => {
      const t = ctx.target();
      const share = `${prefix}_SCOPED`;
      const mount = `${prefix}_MNT_SCOPED`;
      await provisionShare(p, share, db, [consumer.identifier, ...(second ? [second.identifier] : [])]);

      await using(t.consumer, async (c) => {
        const inbound = (await c.execute<Record<string, string>>("SHOW SHARES")).filter((s) => s.name === share);
        expect(inbound).toEqual([
          expect.objectContaining({ kind: "INBOUND", owner_account: provider.identifier, name: share }),
        ]);
        const desc = await c.execute<{ kind: string }>(`DESC SHARE ${provider.identifier}.${share}`);
        expect(desc.map((r) => r.kind)).toEqual(["DATABASE", "SCHEMA", "VIEW"]);

        await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`);
        const { rows, statement } = await c.executeWithStatement(SELECT_EVENTS(mount));
        expect(rows).toEqual(rowsOf("alpha"));
        expect((statement.getColumns() ?? []).map((col) => col.getName())).toEqual(["TENANT", "ID", "AMOUNT"]);
        // Only what was granted: the private tables and the non-secure view are not there.
        expect((await refusal(c.execute(`SELECT * FROM ${mount}.PRIVATE.ENTITLEMENTS`))).code).toBe("002003");
        expect((await refusal(c.execute(`SELECT * FROM ${mount}.SHARED.PLAIN_V`))).code).toBe("002003");
        // A shared database is read-only.
        expect((await refusal(c.execute(`CREATE SCHEMA ${mount}.MINE`))).code).toMatch(/^\d{6}$/);
      });
      if (t.secondConsumer) {
        await using(t.secondConsumer, async (c) => {
          await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`);
          expect(await c.execute(SELECT_EVENTS(mount))).toEqual(rowsOf("beta"));
        });
      }
      expect(await p.execute(`SELECT * FROM ${db}.SHARED.EVENTS_V`)).toEqual([]);
    });

    it("REVOKE … FROM SHARE hides the object from consumers at once; GRANT brings it back; a missing share is 002003", async () => {
      const share = `${prefix}_REVOKE`;
      const mount = `${prefix}_MNT_REVOKE`;
      await provisionShare(p, share, db, [consumer.identifier]);
      await using(ctx.target().consumer, async (c) => {
        await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`);
        expect(await c.execute(SELECT_EVENTS(mount))).toEqual(rowsOf("alpha"));

        await p.execute(`REVOKE SELECT ON VIEW ${db}.SHARED.EVENTS_V FROM SHARE ${share}`);
        expect((await p.execute<{ kind: string }>(`DESC SHARE ${share}`)).map((r) => r.kind)).toEqual([
          "DATABASE",
          "SCHEMA",
        ]);
        const gone = await refusal(c.execute(SELECT_EVENTS(mount)));
        expect(gone.code).toBe("002003");
        expect(gone.message).toMatch(/EVENTS_V' does not exist or not authorized\.$/);

        await p.execute(`GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${share}`);
        expect(await c.execute(SELECT_EVENTS(mount))).toEqual(rowsOf("alpha"));
      });
      expect(
        await refusal(p.execute(`REVOKE SELECT ON VIEW ${db}.SHARED.EVENTS_V FROM SHARE ${share}_NOPE`)),
      ).toMatchObject({
        code: "002003",
        message: `SQL compilation error:\nShare '${share}_NOPE' does not exist or not authorized.`,
      });
    });

    it("REMOVE ACCOUNTS revokes at once: the consumer's next query fails with 003030", async () => {
      const share = `${prefix}_REMOVE`;
      const mount = `${prefix}_MNT_REMOVE`;
      await provisionShare(p, share, db, [consumer.identifier]);
      await using(ctx.target().consumer, async (c) => {
        await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`);
        expect(await c.execute(SELECT_EVENTS(mount))).toEqual(rowsOf("alpha"));
        await p.execute(`ALTER SHARE ${share} REMOVE ACCOUNTS = ${consumer.identifier}`);
        const err = await refusal(c.execute(SELECT_EVENTS(mount)));
        expect(err.code).toBe("003030");
        expect(err.message).toMatch(
          /Shared database is no longer available for use\. It will need to be re-created if and when the publisher makes it available again\./,
        );
      });
    });

    it("DROP SHARE: dropped, a second DROP is 002003, and consumers lose the database at once", async () => {
      const share = `${prefix}_DROP`;
      const mount = `${prefix}_MNT_DROP`;
      await provisionShare(p, share, db, [consumer.identifier]);
      await using(ctx.target().consumer, async (c) => {
        await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`);
        expect(await p.execute(`DROP SHARE ${share}`)).toEqual([{ status: `${share} successfully dropped.` }]);
        expect(await showShare(p, share)).toBeUndefined();
        expect(await refusal(p.execute(`DROP SHARE ${share}`))).toMatchObject({
          code: "002003",
          sqlState: "02000",
          message: `SQL compilation error:\nShare '${share}' does not exist or not authorized.`,
        });
        expect((await refusal(c.execute(SELECT_EVENTS(mount)))).code).toBe("003030");
      });
    });
  });
}
