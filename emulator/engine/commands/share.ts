// Provider-side share DDL and its read-back: CREATE/ALTER/DROP SHARE, SHOW SHARES, DESC SHARE, SHOW GRANTS TO/OF SHARE.
import { accountId, findAccount, newId, nowIso, type AccountState, type Share } from "../catalog";
import { requireRole, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { assertMayConsume } from "./managed-accounts";
import { qualified } from "../identifiers";
import { status, success, table, TYPE_IDS, type Partial } from "../result";
import type { CellValue } from "../types";
import { ifNotExists, options, type CreateFlags } from "./objects";

export function ownShare(ctx: ExecCtx, name: string): Share {
  const share = ctx.me.shares[name];
  if (!share) throw errors.doesNotExist("Share", qualified(name));
  return share;
}

export function createShare(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const name = c.name();
  const opts = options(c);
  requireRole(ctx, "account", ctx.me.account.name);
  const existing = ctx.me.shares[name];
  if (existing && ine) return status(`${name} already exists, statement succeeded.`);
  if (existing && !flags.orReplace) throw errors.alreadyExists(qualified(name));
  // OR REPLACE is drop + create: a new incarnation, so consumers' databases stop working.
  const secureOnly = opts.SECURE_OBJECTS_ONLY === undefined ? true : opts.SECURE_OBJECTS_ONLY === "TRUE";
  if (opts.SECURE_OBJECTS_ONLY !== undefined && !["TRUE", "FALSE"].includes(opts.SECURE_OBJECTS_ONLY))
    throw errors.invalid(`Invalid value '${opts.SECURE_OBJECTS_ONLY}' for SECURE_OBJECTS_ONLY.`);
  ctx.me.shares[name] = {
    id: newId(ctx.catalog),
    name,
    comment: opts.COMMENT ?? null,
    createdOn: nowIso(),
    accounts: [],
    grants: [],
    ...(secureOnly ? {} : { secureObjectsOnly: false }),
  };
  ctx.dirty = true;
  return status(`Share ${name} successfully created.`);
}

/** `ORG.ACCT`, `"ORG"."ACCT"`, `LOCATOR`, `"LOCATOR"` → the account (must exist). */
function parseAccounts(ctx: ExecCtx, c: Cursor): AccountState[] {
  c.acceptOp("=");
  const out: AccountState[] = [];
  do {
    const parts = c.qualifiedName(2);
    const found =
      parts.length === 2 ? findAccount(ctx.catalog, parts[0], parts[1]) : findAccount(ctx.catalog, parts[0]);
    if (!found) throw errors.doesNotExist("Account", parts.map((p) => qualified(p)).join("."));
    out.push(found);
  } while (c.acceptOp(","));
  return out;
}

function checkConsumer(ctx: ExecCtx, a: AccountState) {
  const me = ctx.me.account;
  if (a.account.locator === me.locator) throw errors.invalid("Cannot share to the provider account itself.");
  if (a.account.region !== me.region) throw errors.crossRegion(accountId(a.account), a.account.region, me.region);
  assertMayConsume(ctx, a); // reader accounts: their provider's shares only (managed-accounts.ts)
}

export function alterShare(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  requireRole(ctx, "share", name);
  const share = ctx.me.shares[name];
  if (!share && !ifExists) throw errors.doesNotExist("Share", qualified(name));
  const now = nowIso();
  let apply: ((s: Share) => void) | null = null;
  if (c.acceptKw("ADD", "ACCOUNTS") || c.acceptKw("ADD", "ACCOUNT")) {
    const accounts = parseAccounts(ctx, c);
    accounts.forEach((a) => checkConsumer(ctx, a));
    apply = (s) => {
      for (const a of accounts)
        if (!s.accounts.some((x) => x.locator === a.account.locator))
          s.accounts.push({ locator: a.account.locator, addedOn: now });
    };
  } else if (c.acceptKw("REMOVE", "ACCOUNTS") || c.acceptKw("REMOVE", "ACCOUNT")) {
    const accounts = parseAccounts(ctx, c);
    apply = (s) => {
      s.accounts = s.accounts.filter((x) => !accounts.some((a) => a.account.locator === x.locator));
    };
  } else if (c.acceptKw("SET")) {
    if (c.isKw("ACCOUNTS")) {
      c.next();
      const accounts = parseAccounts(ctx, c);
      accounts.forEach((a) => checkConsumer(ctx, a));
      apply = (s) => {
        s.accounts = accounts.map(
          (a) =>
            s.accounts.find((x) => x.locator === a.account.locator) ?? { locator: a.account.locator, addedOn: now },
        );
      };
    }
    const opts = options(c, ["SHARE_RESTRICTIONS"]);
    const prev = apply;
    if ("COMMENT" in opts)
      apply = (s) => {
        prev?.(s);
        s.comment = opts.COMMENT;
      };
    if (!apply) throw c.fail();
  } else if (c.acceptKw("UNSET", "COMMENT")) {
    apply = (s) => {
      s.comment = null;
    };
  } else throw c.fail();
  if (c.acceptKw("SHARE_RESTRICTIONS")) {
    c.acceptOp("=");
    c.value();
  }
  c.expectEnd();
  if (share) {
    apply(share);
    ctx.dirty = true;
  }
  return success();
}

export function dropShare(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  c.expectEnd();
  requireRole(ctx, "share", name);
  if (!ctx.me.shares[name]) {
    if (ifExists) return status(`Drop statement executed successfully (${name} already dropped).`);
    throw errors.doesNotExist("Share", qualified(name));
  }
  delete ctx.me.shares[name];
  ctx.dirty = true;
  return status(`${name} successfully dropped.`);
}

const secureOnly = (s: Share) => String(s.secureObjectsOnly !== false);

const usageDb = (s: Share) =>
  s.grants.find((g) => g.grantedOn === "DATABASE" && g.privilege === "USAGE")?.parts[0] ?? "";

export function showShares(
  ctx: ExecCtx,
  like: RegExp | null,
  startsWith: string | null,
  limit: number | null,
): Partial {
  const me = ctx.me.account;
  const rows: { row: CellValue[]; name: string }[] = [];
  for (const s of Object.values(ctx.me.shares)) {
    const to = s.accounts
      .map((a) => ctx.catalog.accounts[a.locator])
      .filter(Boolean)
      .map((a) => accountId(a.account))
      .join(",");
    rows.push({
      name: s.name,
      row: [
        s.createdOn,
        "OUTBOUND",
        accountId(me),
        s.name,
        usageDb(s),
        to,
        "ACCOUNTADMIN",
        s.comment ?? "",
        "",
        secureOnly(s),
      ],
    });
  }
  for (const provider of Object.values(ctx.catalog.accounts)) {
    if (provider === ctx.me || provider.account.region !== me.region) continue;
    for (const s of Object.values(provider.shares)) {
      if (!s.accounts.some((a) => a.locator === me.locator)) continue;
      const mounted = Object.values(ctx.me.databases).find(
        (d) =>
          d.fromShare?.providerLocator === provider.account.locator &&
          d.fromShare.share === s.name &&
          d.fromShare.shareId === s.id,
      );
      rows.push({
        name: s.name,
        row: [
          s.createdOn,
          "INBOUND",
          accountId(provider.account),
          s.name,
          mounted?.name ?? "",
          "",
          "",
          s.comment ?? "",
          "",
          secureOnly(s),
        ],
      });
    }
  }
  let selected = rows.filter((r) => (!like || like.test(r.name)) && (!startsWith || r.name.startsWith(startsWith)));
  selected.sort((a, b) => a.name.localeCompare(b.name));
  if (limit !== null) selected = selected.slice(0, limit);
  // secure_objects_only: bcr-1600 (bundle 2024_04) appended it after listing_global_name.
  return table(
    [
      "created_on",
      "kind",
      "owner_account",
      "name",
      "database_name",
      "to",
      "owner",
      "comment",
      "listing_global_name",
      "secure_objects_only",
    ],
    selected.map((r) => r.row),
  );
}

/** DESC SHARE <name> (provider) or DESC SHARE <ORG.ACCT | LOCATOR>.<name> (consumer, inbound share). */
export function describeShare(ctx: ExecCtx, c: Cursor): Partial {
  const parts = c.qualifiedName(3);
  c.expectEnd();
  let share: Share | undefined;
  if (parts.length === 1) share = ownShare(ctx, parts[0]);
  else {
    const provider =
      parts.length === 3 ? findAccount(ctx.catalog, parts[0], parts[1]) : findAccount(ctx.catalog, parts[0]);
    const candidate = provider?.shares[parts[parts.length - 1]];
    const visible =
      candidate &&
      (provider === ctx.me ||
        (provider!.account.region === ctx.me.account.region &&
          candidate.accounts.some((a) => a.locator === ctx.me.account.locator)));
    if (!visible) throw errors.doesNotExist("Share", parts.map((p) => qualified(p)).join("."));
    share = candidate;
  }
  const order = { DATABASE: 0, DATABASE_ROLE: 1, SCHEMA: 1, TABLE: 2, VIEW: 2, FUNCTION: 2 } as const;
  const rows = share!.grants
    .filter((g) => g.privilege !== "REFERENCE_USAGE")
    .sort((a, b) => order[a.grantedOn] - order[b.grantedOn] || a.parts.join(".").localeCompare(b.parts.join(".")))
    .map((g) => [g.grantedOn, qualified(...g.parts), g.createdOn] as CellValue[]);
  return table(["kind", "name", "shared_on"], rows, TYPE_IDS.DESCRIBE);
}

export function showGrantsToShare(ctx: ExecCtx, name: string): Partial {
  const share = ownShare(ctx, name);
  const rows = share.grants.map(
    (g) =>
      [
        g.createdOn,
        g.privilege,
        g.grantedOn,
        qualified(...g.parts),
        "SHARE",
        `${ctx.me.account.locator}.${share.name}`,
        "false",
        "ACCOUNTADMIN",
      ] as CellValue[],
  );
  return table(
    ["created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option", "granted_by"],
    rows,
  );
}

export function showGrantsOfShare(ctx: ExecCtx, name: string): Partial {
  const share = ownShare(ctx, name);
  const rows = share.accounts.map((a) => {
    const acct = ctx.catalog.accounts[a.locator];
    return [
      a.addedOn,
      `${ctx.me.account.locator}.${share.name}`,
      acct ? accountId(acct.account) : a.locator,
    ] as CellValue[];
  });
  return table(["created_on", "share", "account"], rows);
}
