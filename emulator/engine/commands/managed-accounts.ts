// Reader accounts: CREATE MANAGED ACCOUNT, SHOW MANAGED ACCOUNTS, DROP MANAGED ACCOUNT, and the rule that a reader
// account consumes only its provider's shares.
//
// Documentation: https://docs.snowflake.com/sql-reference/sql/create-managed-account.html (syntax: options separated
// by commas; TYPE = READER the only type; ADMIN_NAME becomes a user with ACCOUNTADMIN; the CREATE ACCOUNT privilege,
// ACCOUNTADMIN by default; "by default, the total number of reader accounts a provider can create is 20"; the output
// names accountName, accountLocator, url and accountLocatorUrl — bcr-bundles/2023_05/bcr-1193),
// https://docs.snowflake.com/sql-reference/sql/show-managed-accounts (columns account_name, cloud, region, locator,
// created_on, url, account_locator_url, comment; ACCOUNTADMIN), https://docs.snowflake.com/sql-reference/sql/drop-managed-account,
// https://docs.snowflake.com/user-guide/data-sharing-reader-create ("Manage reader accounts": a reader account
// belongs to the provider that created it and can consume only that provider's shares; same region and cloud).
// Choices where the docs are silent are listed in emulator/README.md (Reader accounts).
import type { AccountState } from "../catalog";
import { requireRole, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified } from "../identifiers";
import { REGIONS } from "../regions";
import { status, table, type Partial } from "../result";
import { addAccount, addUser, likeOf } from "./account";
import { dropDatabaseMeta } from "./objects";

/** create-managed-account, usage notes: the default number of reader accounts per provider. */
export const READER_ACCOUNT_LIMIT = 20;

const readersOf = (ctx: ExecCtx): AccountState[] =>
  Object.values(ctx.catalog.accounts).filter((a) => a.account.managedBy === ctx.me.account.locator);

function urls(a: AccountState) {
  const r = REGIONS.find((x) => x.snowflake_region === a.account.region)!;
  const org = a.account.organization.toLowerCase();
  return {
    url: `https://${org}-${a.account.name.toLowerCase().replace(/_/g, "-")}.snowflakecomputing.com`,
    locatorUrl: `https://${a.account.locator.toLowerCase()}.${r.region}.${r.cloud}.snowflakecomputing.com`,
    cloud: r.cloud,
    region: r.region,
  };
}

/** CREATE MANAGED ACCOUNT <name> ADMIN_NAME = <u> , ADMIN_PASSWORD = '<p>' , TYPE = READER [ , COMMENT = '<c>' ] */
export function createManagedAccount(ctx: ExecCtx, c: Cursor): Partial {
  const name = c.name();
  requireRole(ctx, "account", name);
  const opts: Record<string, string> = {};
  while (!c.atEnd()) {
    const key = c.name().toUpperCase();
    c.expectOp("=");
    opts[key] = key === "ADMIN_PASSWORD" || key === "COMMENT" ? c.string() : c.value();
    c.acceptOp(",");
  }
  for (const k of ["ADMIN_NAME", "ADMIN_PASSWORD", "TYPE"])
    if (!opts[k]) throw errors.invalid(`Missing option(s): [${k}].`);
  if (opts.TYPE.toUpperCase() !== "READER") throw errors.invalid(`Invalid value [${opts.TYPE}] for option 'TYPE'.`);
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw errors.invalid(`Invalid account name '${name}'.`);
  if (ctx.me.account.managedBy) throw errors.insufficientPrivileges("account", name);
  const org = ctx.me.account.organization;
  const taken = (n: string) =>
    Object.values(ctx.catalog.accounts).some((a) => a.account.organization === org && a.account.name === n);
  if (readersOf(ctx).some((a) => a.account.name === name) || taken(name)) throw errors.alreadyExists(name);
  if (readersOf(ctx).length >= READER_ACCOUNT_LIMIT)
    throw errors.invalid(
      `Number of reader accounts created by this account has reached the limit of ${READER_ACCOUNT_LIMIT}. Contact Snowflake support to raise it.`,
    );
  const locator = `FL${ctx.catalog.nextLocator++}`;
  const state = addAccount(ctx.catalog, {
    locator,
    organization: org,
    name,
    region: ctx.me.account.region,
    comment: opts.COMMENT ?? null,
  });
  state.account.managedBy = ctx.me.account.locator;
  state.account.edition = ctx.me.account.edition;
  addUser(state, opts.ADMIN_NAME.toUpperCase(), opts.ADMIN_PASSWORD, ["ACCOUNTADMIN"]);
  ctx.dirty = true;
  const u = urls(state);
  return status(
    JSON.stringify({
      accountName: name,
      accountLocator: locator,
      url: u.url,
      accountLocatorUrl: u.locatorUrl,
    }),
  );
}

/** SHOW MANAGED ACCOUNTS [ LIKE '<pattern>' ]: the reader accounts this account created. */
export function showManagedAccounts(ctx: ExecCtx, c: Cursor): Partial {
  const like = likeOf(c);
  c.expectEnd();
  requireRole(ctx, "account", ctx.me.account.name);
  const rows = readersOf(ctx)
    .filter((a) => !like || like.test(a.account.name))
    .map((a) => {
      const u = urls(a);
      return [
        a.account.name,
        u.cloud,
        u.region,
        a.account.locator,
        a.account.createdOn,
        u.url,
        u.locatorUrl,
        a.account.comment,
      ];
    });
  return table(
    ["account_name", "cloud", "region", "locator", "created_on", "url", "account_locator_url", "comment"],
    rows,
  );
}

/** DROP MANAGED ACCOUNT <name>: the reader account, its users and every object in it, at once. */
export async function dropManagedAccount(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const name = c.name();
  c.expectEnd();
  requireRole(ctx, "account", name);
  const reader = readersOf(ctx).find((a) => a.account.name === name);
  if (!reader) throw errors.doesNotExist("Managed account", qualified(name));
  for (const db of Object.values(reader.databases)) await dropDatabaseMeta({ ...ctx, me: reader }, db);
  delete ctx.catalog.accounts[reader.account.locator];
  for (const account of Object.values(ctx.catalog.accounts))
    for (const share of Object.values(account.shares))
      share.accounts = share.accounts.filter((a) => a.locator !== reader.account.locator);
  ctx.dirty = true;
  return status(`${name} successfully dropped.`);
}

/** A reader account can be added only to shares of the provider that created it (Manage reader accounts). */
export function assertMayConsume(ctx: ExecCtx, consumer: AccountState): void {
  const provider = consumer.account.managedBy;
  if (provider && provider !== ctx.me.account.locator)
    throw errors.invalid(
      `Reader account '${consumer.account.organization}.${consumer.account.name}' can only consume shares of the provider account that created it.`,
    );
}
