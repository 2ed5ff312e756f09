// Evaluates a step's "already done?" expectation against the rows its check query returned. Pure, so the
// worker, verify and tests share one reading of Snowflake's SHOW output (lower-case column names;
// `name` of SHOW SHARES is fully qualified like ORG.ACCOUNT.SHARE or LOCATOR.SHARE; `to` is a
// comma-separated account list).

import { cell, objectName } from "@/lib/snowflake/snowflake-values";
import type { Expectation, GrantRef } from "./plan-types";

export type Row = Record<string, unknown>;

const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value));
const lastSegment = (value: unknown): string => objectName(value).split(".").pop() ?? "";

function outboundShare(rows: Row[], shareName: string): Row | undefined {
  return rows.find((row) => {
    const kind = objectName(cell(row, "kind"));
    return (kind === "" || kind === "OUTBOUND") && lastSegment(cell(row, "name")) === shareName.toUpperCase();
  });
}

function shareAccounts(row: Row): Set<string> {
  return new Set(text(cell(row, "to")).split(",").map(objectName).filter(Boolean));
}

/**
 * A function may be listed with its signature (`F(ARG TYPE, …)` and a return type after it); the plan names it
 * without (plan-function-steps.ts), and Floe's functions are not overloaded, so the name up to `(` is the key.
 */
export const grantObjectName = (grantedOn: unknown, name: unknown): string =>
  objectName(grantedOn) === "FUNCTION" ? objectName(name).replace(/\(.*$/, "") : objectName(name);

function grantKey(grant: { privilege: unknown; grantedOn: unknown; name: unknown }): string {
  return [objectName(grant.privilege), objectName(grant.grantedOn), grantObjectName(grant.grantedOn, grant.name)].join(
    "|",
  );
}

function truthy(value: unknown): boolean {
  return value === true || ["TRUE", "Y", "YES", "1"].includes(objectName(value));
}

/**
 * When the check query itself failed because its object does not exist: true only for "no rows left"
 * goals that say a missing table or database satisfies them (a dropped lake holds no entitlement rows).
 */
export function goalMetByMissingObject(expect: Expectation): boolean {
  return expect.kind === "count-equals" && expect.value === 0 && expect.absentCountsAsZero === true;
}

export function evaluateExpectation(expect: Expectation, rows: readonly Row[]): boolean {
  const list = [...rows];
  switch (expect.kind) {
    case "share-exists":
      return outboundShare(list, expect.shareName) !== undefined;
    case "share-absent":
      return outboundShare(list, expect.shareName) === undefined;
    case "share-accounts-include": {
      const share = outboundShare(list, expect.shareName);
      if (!share) return false;
      const to = shareAccounts(share);
      // A bare locator is not what SHOW SHARES reports (ORG.ACCOUNT), so "listed" cannot be shown for it:
      // not done, and the idempotent ADD ACCOUNTS runs again.
      return expect.accounts.every(
        (a) => to.has(objectName(a)) || (expect.locator != null && to.has(objectName(expect.locator))),
      );
    }
    case "share-accounts-exclude": {
      const share = outboundShare(list, expect.shareName);
      if (!share) return true;
      const to = shareAccounts(share);
      // Floe's share serves one consumer. When its ORG.ACCOUNT name is unknown (added by locator), only an
      // empty account list proves the consumer is gone.
      if (expect.accounts.some((a) => !objectName(a).includes("."))) return to.size === 0;
      return expect.accounts.every(
        (a) => !to.has(objectName(a)) && (expect.locator == null || !to.has(objectName(expect.locator))),
      );
    }
    case "grants-include": {
      const granted = new Set(
        list.map((row) =>
          grantKey({ privilege: cell(row, "privilege"), grantedOn: cell(row, "granted_on"), name: cell(row, "name") }),
        ),
      );
      return expect.grants.every((g: GrantRef) => granted.has(grantKey(g)));
    }
    case "count-equals":
      return list.length === 1 && Number(cell(list[0], expect.column)) === expect.value;
    case "replication-group-exists":
      return list.some(
        (row) =>
          objectName(cell(row, "name")) === expect.groupName &&
          truthy(cell(row, "is_primary")) === expect.isPrimary &&
          objectName(cell(row, "account_name")) === expect.accountName,
      );
    case "managed-account-exists":
      return list.some((row) => objectName(cell(row, "account_name")) === expect.accountName);
    case "managed-account-absent":
      return !list.some((row) => objectName(cell(row, "account_name")) === expect.accountName);
  }
}
