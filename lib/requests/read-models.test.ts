import { beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { getRequestForOrganization } from "./get-request-for-organization";
import { getRequestForStaff } from "./get-request-for-staff";
import { listRequestsForOrganization } from "./list-requests-for-organization";

let brand: Brand;
let otherBrand: Brand;
let failedId: string;

beforeAll(async () => {
  [brand, otherBrand] = await Promise.all([createBrand(), createBrand()]);
  failedId = (await requestInState(brand, "FAILED")).requestId;
});

describe("getRequestForOrganization", () => {
  it("returns the brand's request with step progress but without SQL or raw errors", async () => {
    const request = await getRequestForOrganization({ requestId: failedId, organizationId: brand.organization.id });
    expect(request).toMatchObject({ id: failedId, state: "FAILED", failureStepKey: "grant_views" });
    expect(request?.share?.providerAccount).toMatchObject({ organizationName: "FLOEDATA", region: "AWS_US_EAST_1" });
    const run = request?.runs[0];
    expect(run?.steps.map((s) => s.key)).toEqual(["create_share", "grant_views", "add_account"]);
    expect(JSON.stringify(request)).not.toMatch(/Insufficient privileges|SELECT 1|003001/);
  });

  it("is null for another organisation's request or a missing organisation (a 404, not a 403)", async () => {
    expect(
      await getRequestForOrganization({ requestId: failedId, organizationId: otherBrand.organization.id }),
    ).toBeNull();
    expect(await getRequestForOrganization({ requestId: failedId, organizationId: "" })).toBeNull();
    expect(await getRequestForOrganization({ requestId: "missing", organizationId: brand.organization.id })).toBeNull();
  });
});

describe("getRequestForStaff", () => {
  it("includes the plan, the SQL and the Snowflake error for the account manager", async () => {
    const request = await getRequestForStaff({ requestId: failedId });
    expect(request?.organization.id).toBe(brand.organization.id);
    expect(request?.runs[0]).toMatchObject({
      errorCode: "003001",
      errorMessage: "Insufficient privileges",
      plan: { version: 1 },
    });
    expect(request?.runs[0].steps[0].sql).toContain("SELECT 1");
  });
});

describe("listRequestsForOrganization", () => {
  it("pages newest first with a cursor, only over the brand's own requests", async () => {
    const fresh = await createBrand();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await requestInState(fresh, "PENDING_APPROVAL")).requestId);
    await requestInState(otherBrand, "PENDING_APPROVAL");

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listRequestsForOrganization>> = await listRequestsForOrganization({
        organizationId: fresh.organization.id,
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by state and refuses a forged cursor", async () => {
    const page = await listRequestsForOrganization({ organizationId: brand.organization.id, states: ["FAILED"] });
    expect(page.items.map((r) => r.id)).toEqual([failedId]);
    await expectAppError(
      listRequestsForOrganization({ organizationId: brand.organization.id, cursor: "not-a-cursor" }),
      { reason: "invalid_cursor" },
    );
    expect(await listRequestsForOrganization({ organizationId: "" })).toEqual({ items: [], nextCursor: null });
  });
});
