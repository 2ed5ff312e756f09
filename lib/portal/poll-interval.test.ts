import { describe, expect, it } from "vitest";
import { pollIntervalFor } from "./poll-interval";
import { requestStatusUrl, portalKeys } from "./query-keys";

describe("pollIntervalFor", () => {
  it("polls while work is moving, slowly while pending, and stops once settled", () => {
    expect(pollIntervalFor("PROVISIONING")).toBe(1500);
    expect(pollIntervalFor("APPROVED")).toBe(1500);
    expect(pollIntervalFor("REVOKING")).toBe(1500);
    expect(pollIntervalFor("PENDING_APPROVAL")).toBe(15_000);
    for (const state of ["ACTIVE", "FAILED", "REJECTED", "CANCELLED", "REVOKED"] as const) expect(pollIntervalFor(state)).toBe(false);
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
