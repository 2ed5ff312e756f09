import { describe, expect, it } from "vitest";
import { pollIntervalFor } from "./poll-interval";
import { requestStatusUrl, portalKeys } from "./query-keys";

describe("pollIntervalFor", () => {
  it("polls fast while work is moving, slowly where someone else may still act, and stops only at terminal states", () => {
    expect(pollIntervalFor("PROVISIONING")).toBe(1500);
    expect(pollIntervalFor("APPROVED")).toBe(1500);
    expect(pollIntervalFor("REVOKING")).toBe(1500);
    // A staff revocation of an ACTIVE share, or a retry of a FAILED one, must reach an open page too.
    for (const state of ["PENDING_APPROVAL", "AWAITING_PROOF", "ACTIVE", "FAILED"] as const)
      expect(pollIntervalFor(state)).toBe(15_000);
    for (const state of ["REJECTED", "CANCELLED", "REVOKED"] as const) expect(pollIntervalFor(state)).toBe(false);
  });
});

describe("portalKeys", () => {
  it("nests request keys under their organisation", () => {
    expect(portalKeys.requestStatus("acme", "r1")).toEqual(["portal", "org", "acme", "requests", "r1", "status"]);
    expect(portalKeys.requestStatus("acme", "r1").slice(0, 3)).toEqual(portalKeys.organization("acme"));
  });

  it("escapes path segments of the status URL", () => {
    expect(requestStatusUrl("acme", "a/b")).toBe("/api/orgs/acme/requests/a%2Fb/status");
  });
});
