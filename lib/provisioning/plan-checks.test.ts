import { describe, expect, it } from "vitest";
import { evaluateExpectation, goalMetByMissingObject } from "./plan-checks";

const share = (name: string, to: string, kind = "OUTBOUND") => ({
  created_on: "2026-01-01",
  kind,
  owner_account: "FLOEDATA.LAKE_US",
  name,
  database_name: "ENGAGEMENT_LAKE_US",
  to,
  owner: "ACCOUNTADMIN",
  comment: "",
});

describe("evaluateExpectation", () => {
  it("share-exists matches the last segment of SHOW SHARES' qualified name, outbound only", () => {
    const expect1 = { kind: "share-exists", shareName: "FLOE_A_1" } as const;
    expect(evaluateExpectation(expect1, [share("FLOEDATA.LAKE_US.FLOE_A_1", "")])).toBe(true);
    expect(evaluateExpectation(expect1, [share("FD10001.FLOE_A_1", "")])).toBe(true);
    // LIKE treats _ as a wildcard, so near names come back too and must not count.
    expect(evaluateExpectation(expect1, [share("FLOEDATA.LAKE_US.FLOEXA_1", "")])).toBe(false);
    expect(evaluateExpectation(expect1, [share("OTHER.ACCT.FLOE_A_1", "", "INBOUND")])).toBe(false);
    expect(evaluateExpectation(expect1, [])).toBe(false);
    expect(evaluateExpectation({ kind: "share-absent", shareName: "FLOE_A_1" }, [])).toBe(true);
  });

  it("share accounts include/exclude read the comma-separated `to` column", () => {
    const rows = [share("FLOEDATA.LAKE_US.S", "ACME.ANALYTICS, XY12345")];
    expect(
      evaluateExpectation({ kind: "share-accounts-include", shareName: "S", accounts: ["ACME.ANALYTICS"] }, rows),
    ).toBe(true);
    expect(evaluateExpectation({ kind: "share-accounts-include", shareName: "S", accounts: ["NL50001"] }, rows)).toBe(
      false,
    );
    expect(evaluateExpectation({ kind: "share-accounts-exclude", shareName: "S", accounts: ["XY12345"] }, rows)).toBe(
      false,
    );
    expect(
      evaluateExpectation({ kind: "share-accounts-exclude", shareName: "S", accounts: ["OTHER.ACCOUNT"] }, rows),
    ).toBe(true);
    expect(evaluateExpectation({ kind: "share-accounts-exclude", shareName: "S", accounts: ["XY12345"] }, [])).toBe(
      true,
    );
  });

  it("recognises an account by its locator beside its name, and judges a bare locator by the whole list", () => {
    const rows = [share("FLOEDATA.LAKE_US.S", "ACMERETAIL.ANALYTICS")];
    const empty = [share("FLOEDATA.LAKE_US.S", "")];
    // Known locator beside the name: either name counts.
    expect(
      evaluateExpectation(
        { kind: "share-accounts-include", shareName: "S", accounts: ["ACMERETAIL.ANALYTICS"], locator: "AR40001" },
        rows,
      ),
    ).toBe(true);
    expect(
      evaluateExpectation(
        { kind: "share-accounts-exclude", shareName: "S", accounts: ["ACMERETAIL.ANALYTICS"], locator: "AR40001" },
        rows,
      ),
    ).toBe(false);
    expect(
      evaluateExpectation(
        { kind: "share-accounts-exclude", shareName: "S", accounts: ["ACMERETAIL.ANALYTICS"], locator: "AR40001" },
        [share("FLOEDATA.LAKE_US.S", "AR40001")],
      ),
    ).toBe(false);
    // A bare locator: SHOW SHARES reports names, so "listed" is never shown and "gone" only by an empty list.
    expect(
      evaluateExpectation(
        { kind: "share-accounts-include", shareName: "S", accounts: ["AR40001"], locator: "AR40001" },
        rows,
      ),
    ).toBe(false);
    expect(
      evaluateExpectation(
        { kind: "share-accounts-exclude", shareName: "S", accounts: ["AR40001"], locator: "AR40001" },
        rows,
      ),
    ).toBe(false);
    expect(
      evaluateExpectation(
        { kind: "share-accounts-exclude", shareName: "S", accounts: ["AR40001"], locator: "AR40001" },
        empty,
      ),
    ).toBe(true);
  });

  it("counts a missing table as no rows only for goals that say so", () => {
    expect(goalMetByMissingObject({ kind: "count-equals", column: "N", value: 0, absentCountsAsZero: true })).toBe(
      true,
    );
    expect(goalMetByMissingObject({ kind: "count-equals", column: "N", value: 0 })).toBe(false);
    expect(goalMetByMissingObject({ kind: "count-equals", column: "N", value: 1, absentCountsAsZero: true })).toBe(
      false,
    );
    expect(goalMetByMissingObject({ kind: "share-absent", shareName: "S" })).toBe(false);
  });

  it("grants-include compares privilege, object kind and name, ignoring quotes and case", () => {
    const rows = [
      { privilege: "USAGE", granted_on: "DATABASE", name: "DB" },
      { privilege: "SELECT", granted_on: "VIEW", name: '"DB"."SHARED"."V"' },
    ];
    expect(
      evaluateExpectation(
        { kind: "grants-include", grants: [{ privilege: "SELECT", grantedOn: "VIEW", name: "DB.SHARED.V" }] },
        rows,
      ),
    ).toBe(true);
    expect(
      evaluateExpectation(
        { kind: "grants-include", grants: [{ privilege: "USAGE", grantedOn: "SCHEMA", name: "DB.SHARED" }] },
        rows,
      ),
    ).toBe(false);
  });

  it("count-equals reads one row, case-insensitively, numbers or numeric strings", () => {
    expect(evaluateExpectation({ kind: "count-equals", column: "N", value: 3 }, [{ N: 3 }])).toBe(true);
    expect(evaluateExpectation({ kind: "count-equals", column: "N", value: 3 }, [{ n: "3" }])).toBe(true);
    expect(evaluateExpectation({ kind: "count-equals", column: "N", value: 3 }, [{ N: 2 }])).toBe(false);
    expect(evaluateExpectation({ kind: "count-equals", column: "N", value: 0 }, [])).toBe(false);
  });

  it("replication-group-exists distinguishes primary and secondary and the account", () => {
    const rows = [
      { name: "RG", is_primary: "true", account_name: "LAKE_US" },
      { name: "RG", is_primary: false, account_name: "REPLICA_US_WEST" },
    ];
    expect(
      evaluateExpectation(
        { kind: "replication-group-exists", groupName: "RG", isPrimary: true, accountName: "LAKE_US" },
        rows,
      ),
    ).toBe(true);
    expect(
      evaluateExpectation(
        { kind: "replication-group-exists", groupName: "RG", isPrimary: false, accountName: "REPLICA_US_WEST" },
        rows,
      ),
    ).toBe(true);
    expect(
      evaluateExpectation(
        { kind: "replication-group-exists", groupName: "RG", isPrimary: false, accountName: "LAKE_US" },
        rows,
      ),
    ).toBe(false);
  });
});
