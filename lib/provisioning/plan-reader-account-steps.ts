// Steps for a Floe-hosted reader account (a brand without Snowflake, lib/reader-accounts): the account is created
// on the provider account that holds the share, before the share, and dropped after it at revocation. Pure.
//
// CREATE MANAGED ACCOUNT (https://docs.snowflake.com/sql-reference/sql/create-managed-account): ADMIN_NAME becomes
// the account's first user with ACCOUNTADMIN; "ADMIN_PASSWORD … is a string literal that must be enclosed in single
// or double quotes" — so it cannot be a bind. The plan therefore holds a `?` where the password goes and the worker
// puts the password in only when the step runs (secretBind "reader-password", lib/reader-accounts/reader-password.ts);
// neither the stored plan nor the step row ever holds it. No IF NOT EXISTS is documented: a rerun is made idempotent by
// the check (SHOW MANAGED ACCOUNTS lists it) and by "already exists" (002002) counting as done.

import { quoteIdent, sql, sqlStringLiteral, type Literal, type Sql } from "@/lib/snowflake/sql-identifiers";
import type { PlanStep, ProviderAccount } from "./plan-types";

export type ReaderAccountRef = { name: string; adminName: string };

/** The CREATE statement; `password` null gives the plan's form, with `?` in place of the password. */
export function createManagedAccountSql(reader: ReaderAccountRef, requestId: string, password: Literal | null): Sql {
  const secret = password ? sql`${password}` : sql`?`;
  const comment = sqlStringLiteral(`Floe reader account for request ${requestId}`);
  return sql`CREATE MANAGED ACCOUNT ${quoteIdent(reader.name)} ADMIN_NAME = ${quoteIdent(reader.adminName)}, ADMIN_PASSWORD = ${secret}, TYPE = READER, COMMENT = ${comment}`;
}

const showManaged = (name: string) => sql`SHOW MANAGED ACCOUNTS LIKE ${sqlStringLiteral(name)}`.toStatement();

export function createReaderAccountStep(
  account: ProviderAccount,
  reader: ReaderAccountRef,
  requestId: string,
): PlanStep {
  return {
    key: "create-reader-account",
    title: `Create reader account ${reader.name} (admin ${reader.adminName})`,
    accountId: account.id,
    statements: [createManagedAccountSql(reader, requestId, null).toStatement()],
    batch: false,
    check: {
      description: `SHOW MANAGED ACCOUNTS lists ${reader.name}`,
      statement: showManaged(reader.name),
      expect: { kind: "managed-account-exists", accountName: reader.name },
    },
    alreadyDoneErrorCodes: ["002002"],
    secretBind: "reader-password",
  };
}

/** Steps before the share's: the reader account, when the request has one (one included line per plan builder). */
export function readerAccountSteps(
  account: ProviderAccount,
  reader: ReaderAccountRef | null | undefined,
  requestId: string,
): PlanStep[] {
  return reader ? [createReaderAccountStep(account, reader, requestId)] : [];
}

/** DROP MANAGED ACCOUNT removes the account, its users and everything in it (drop-managed-account). */
export function dropReaderAccountSteps(
  account: ProviderAccount,
  reader: ReaderAccountRef | null | undefined,
): PlanStep[] {
  if (!reader) return [];
  return [
    {
      key: "drop-reader-account",
      title: `Drop reader account ${reader.name}`,
      accountId: account.id,
      statements: [sql`DROP MANAGED ACCOUNT ${quoteIdent(reader.name)}`.toStatement()],
      batch: false,
      check: {
        description: `SHOW MANAGED ACCOUNTS has no ${reader.name}`,
        statement: showManaged(reader.name),
        expect: { kind: "managed-account-absent", accountName: reader.name },
      },
      alreadyDoneErrorCodes: ["002003"],
    },
  ];
}
