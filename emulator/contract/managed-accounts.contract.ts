// Reader accounts: a provider creates a managed account, shares into it, and the reader's admin logs in with the
// password given at creation and reads the share; the reader account consumes only its provider's shares; DROP
// MANAGED ACCOUNT removes it.
//
// Documentation followed:
// - CREATE MANAGED ACCOUNT (syntax, TYPE = READER, ADMIN_NAME gets ACCOUNTADMIN): https://docs.snowflake.com/sql-reference/sql/create-managed-account.html
// - Output of CREATE / SHOW MANAGED ACCOUNTS (accountName, accountLocator, url, accountLocatorUrl):
//   https://docs.snowflake.com/release-notes/bcr-bundles/2023_05/bcr-1193
// - SHOW MANAGED ACCOUNTS (columns): https://docs.snowflake.com/sql-reference/sql/show-managed-accounts
// - DROP MANAGED ACCOUNT: https://docs.snowflake.com/sql-reference/sql/drop-managed-account
// - Manage reader accounts (a reader account consumes only the shares of the provider that created it):
//   https://docs.snowflake.com/user-guide/data-sharing-reader-create
import { randomBytes } from "node:crypto";
import snowflake from "snowflake-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTracked } from "../testing/start-test-emulator";
import {
  createScopedDatabase,
  entitle,
  identity,
  provisionShare,
  refusal,
  rowsOf,
  type ContractContext,
  type Identity,
} from "./support";
import type { ContractTarget, TestConnection } from "./target";

type ManagedRow = { account_name: string; locator: string; url: string; account_locator_url: string; comment: string };

/** Logs in to the reader account by its ORG-NAME identifier, as a customer would with the URL Floe sends. */
function connectReader(t: ContractTarget, org: string, name: string, user: string, password: string) {
  const account = `${org}-${name}`;
  if (t.emulator) return t.emulator.current().connect(account, user, { password });
  const { accessUrl } = t.provider.endpoint();
  return connectTracked(
    { account, username: user, password, ...(accessUrl ? { accessUrl } : {}) } as snowflake.ConnectionOptions,
    new Set<TestConnection>(),
  );
}

export function managedAccountsContract(ctx: ContractContext): void {
  describe("reader accounts (CREATE / SHOW / DROP MANAGED ACCOUNT)", () => {
    let p: TestConnection;
    let provider: Identity;
    let db: string;
    let name: string;
    const password = `Reader-${randomBytes(8).toString("hex")}-Aa1`;

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_RDR`;
      name = `${t.prefix}_READER`;
      p = await t.provider.connect();
      provider = await identity(p);
      await createScopedDatabase(p, db);
    });
    afterAll(async () => {
      await p?.execute(`DROP MANAGED ACCOUNT ${name}`).catch(() => undefined);
      await p?.close();
    });

    it("creates a reader account the provider shares into; its admin logs in with the password and reads the share", async () => {
      const t = ctx.target();
      const [created] = await p.execute<Record<string, string>>(
        `CREATE MANAGED ACCOUNT ${name} ADMIN_NAME = READER_ADMIN, ADMIN_PASSWORD = '${password}', TYPE = READER, COMMENT = 'floe contract'`,
      );
      const answer = JSON.parse(Object.values(created)[0]) as Record<string, string>;
      expect(answer).toMatchObject({ accountName: name });
      expect(answer.accountLocator).toMatch(/^[A-Z0-9]+$/);
      expect(answer.url).toMatch(/^https:\/\//);

      const listed = await p.execute<ManagedRow>(`SHOW MANAGED ACCOUNTS LIKE '${name}'`);
      expect(listed.map((r) => [r.account_name, r.locator, r.comment])).toEqual([
        [name, answer.accountLocator, "floe contract"],
      ]);

      const org = provider.identifier.split(".")[0];
      await entitle(p, db, answer.accountLocator, "beta");
      await provisionShare(p, `${name}_S`, db, [`${org}.${name}`]);
      const reader = await connectReader(t, org, name, "READER_ADMIN", password);
      try {
        const who = await identity(reader);
        expect(who.locator).toBe(answer.accountLocator);
        await reader.execute(`CREATE DATABASE ${name}_MNT FROM SHARE ${provider.identifier}.${name}_S`);
        const rows = await reader.execute<{ TENANT: string; ID: number; AMOUNT: number }>(
          `SELECT TENANT, ID, AMOUNT FROM ${name}_MNT.SHARED.EVENTS_V ORDER BY ID`,
        );
        expect(rows.map((r) => ({ TENANT: r.TENANT, ID: Number(r.ID), AMOUNT: Number(r.AMOUNT) }))).toEqual(
          rowsOf("beta"),
        );
      } finally {
        await reader.close();
      }
    });

    // The second consumer is an ordinary account of the region: here it plays another provider.
    it.skipIf(!ctx.spec.hasSecondConsumer)("another provider cannot share into the reader account", async () => {
      const t = ctx.target();
      const other = await t.secondConsumer!.connect();
      try {
        const org = provider.identifier.split(".")[0];
        await other.execute(`CREATE DATABASE ${name}_OTHER`);
        await other.execute(`CREATE SHARE ${name}_OTHER_S`);
        await other.execute(`GRANT USAGE ON DATABASE ${name}_OTHER TO SHARE ${name}_OTHER_S`);
        await refusal(other.execute(`ALTER SHARE ${name}_OTHER_S ADD ACCOUNTS = ${org}.${name}`));
      } finally {
        await other.execute(`DROP SHARE IF EXISTS ${name}_OTHER_S`).catch(() => undefined);
        await other.execute(`DROP DATABASE IF EXISTS ${name}_OTHER`).catch(() => undefined);
        await other.close();
      }
    });

    it("DROP MANAGED ACCOUNT removes it from SHOW MANAGED ACCOUNTS and its admin can no longer log in", async () => {
      const t = ctx.target();
      await p.execute(`DROP SHARE IF EXISTS ${name}_S`);
      await p.execute(`DROP MANAGED ACCOUNT ${name}`);
      expect(await p.execute(`SHOW MANAGED ACCOUNTS LIKE '${name}'`)).toEqual([]);
      const org = provider.identifier.split(".")[0];
      await refusal(connectReader(t, org, name, "READER_ADMIN", password));
    });
  });
}
