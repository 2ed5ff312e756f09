// The brand's status read model against a real database: tenant-scoped, and without the run's raw
// Snowflake error (which the fixtures record on purpose).
import { beforeAll, describe, expect, it } from "vitest";
import { createBrand, fakePlan, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { getRequestForOrganization } from "@/lib/requests/get-request-for-organization";
import { startRepairRun } from "@/lib/requests/repair-runs";
import { getRequestStatus } from "./request-status";

let brand: Brand;
let otherBrand: Brand;

beforeAll(async () => {
  [brand, otherBrand] = await Promise.all([createBrand(), createBrand()]);
});

describe("getRequestStatus", () => {
  it("shows a pending request with its story and no steps yet", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const status = await getRequestStatus({ organizationId: brand.organization.id, requestId });
    expect(status).toMatchObject({
      requestId,
      state: "PENDING_APPROVAL",
      stateLabel: "pending approval",
      run: null,
      steps: [],
      progress: { done: 0, total: 0 },
      failure: null,
    });
    expect(status?.timeline.map((e) => e.title)).toEqual([expect.stringMatching(/^Requested by /)]);
  });

  it("counts finished steps of an active request and tells its story in order", async () => {
    const { requestId } = await requestInState(brand, "ACTIVE");
    const status = await getRequestStatus({ organizationId: brand.organization.id, requestId });
    expect(status?.progress).toEqual({ done: 3, total: 3 });
    expect(status?.steps.every((s) => s.state === "SUCCEEDED")).toBe(true);
    expect(status?.timeline.map((e) => e.title)).toEqual([
      expect.stringMatching(/^Requested by /),
      `Approved by ${brand.manager.name}`,
      "Provisioning started",
      "Share active",
    ]);
  });

  it("explains a failure in plain words and never returns Snowflake's error", async () => {
    const { requestId } = await requestInState(brand, "FAILED");
    const status = await getRequestStatus({ organizationId: brand.organization.id, requestId });
    expect(status?.state).toBe("FAILED");
    expect(status?.failure?.title).toBe("Setting up the share did not finish");
    const json = JSON.stringify(status);
    expect(json).not.toContain("Insufficient privileges");
    expect(json).not.toContain("003001");
    expect(json).not.toContain("SELECT 1");
  });

  it("keeps showing the provisioning run while a drift repair runs (a repair is staff's, not the request's)", async () => {
    const { requestId } = await requestInState(brand, "ACTIVE");
    const repair = await startRepairRun({
      requestId,
      actor: { type: "SYSTEM" },
      plan: { repair: true },
      steps: fakePlan(brand, ["grant_views"]).steps,
      drift: { signature: "test", problems: ["a view grant is missing"] },
    });
    expect(repair.started).toBe(true);
    const status = await getRequestStatus({ organizationId: brand.organization.id, requestId });
    expect(status?.run).toMatchObject({ kind: "PROVISION", state: "SUCCEEDED" });
    expect(status?.progress).toEqual({ done: 3, total: 3 });
    // The API's request read (GET /api/v1/requests/:id) selects the same latest run.
    const read = await getRequestForOrganization({ organizationId: brand.organization.id, requestId });
    expect(read?.runs.map((r) => r.kind)).toEqual(["PROVISION"]);
  });

  it("finds nothing for another organisation's request", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    expect(await getRequestStatus({ organizationId: otherBrand.organization.id, requestId })).toBeNull();
    expect(await getRequestStatus({ organizationId: "", requestId })).toBeNull();
  });
});
