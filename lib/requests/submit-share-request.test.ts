import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { createBrand, submitOptions, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { submitShareRequest } from "./submit-share-request";

let brand: Brand;
let otherBrand: Brand;

beforeAll(async () => {
  [brand, otherBrand] = await Promise.all([createBrand(), createBrand()]);
});

describe("submitShareRequest", () => {
  it("writes the request, its workspaces and datasets, and request.submitted in one go", async () => {
    const result = await submitShareRequest(
      submitOptions(brand, { consumerAccount: "SUBMIT.OK", note: "  for the BI team  " }),
    );
    expect(result).toMatchObject({ state: "PENDING_APPROVAL", lakeRegion: "AWS_US_EAST_1", crossRegion: false });

    const row = await db.shareRequest.findUniqueOrThrow({
      where: { id: result.id },
      include: { workspaces: true, datasets: { include: { dataset: true } }, auditEvents: true },
    });
    expect(row).toMatchObject({
      organizationId: brand.organization.id,
      requestedById: brand.member.id,
      note: "for the BI team",
      decidedById: null,
    });
    expect(row.workspaces.map((w) => w.workspaceId).sort()).toEqual([brand.web.id, brand.mobile.id].sort());
    expect(row.datasets.map((d) => d.dataset.key)).toEqual(["messaging-email"]);
    expect(row.auditEvents).toHaveLength(1);
    expect(row.auditEvents[0]).toMatchObject({
      type: "request.submitted",
      actorType: "USER",
      actorId: brand.member.id,
      organizationId: brand.organization.id,
    });
  });

  it("marks a consumer in another region as cross-region", async () => {
    const result = await submitShareRequest(
      submitOptions(brand, { consumerAccount: "SUBMIT.WEST", consumerRegion: "AWS_US_WEST_2" }),
    );
    expect(result).toMatchObject({ lakeRegion: "AWS_US_EAST_1", crossRegion: true });
  });

  it("refuses workspaces from two data regions", async () => {
    const error = await expectAppError(
      submitShareRequest(
        submitOptions(brand, { consumerAccount: "SUBMIT.MIXED", workspaceIds: [brand.web.id, brand.europe.id] }),
      ),
      {
        code: "INVALID_INPUT",
        reason: "mixed_regions",
      },
    );
    expect(error.message).toMatch(/only one lake database/);
    expect(error.fieldErrors?.workspaceIds).toBeDefined();
    expect(await db.shareRequest.count({ where: { consumerAccount: "SUBMIT.MIXED" } })).toBe(0);
  });

  it("refuses another organisation's workspace as if it did not exist", async () => {
    await expectAppError(
      submitShareRequest(
        submitOptions(brand, { consumerAccount: "SUBMIT.FOREIGN", workspaceIds: [brand.web.id, otherBrand.web.id] }),
      ),
      {
        code: "INVALID_INPUT",
        reason: "unknown_workspace",
      },
    );
  });

  it("refuses a dataset outside the organisation's contract, by key and by id", async () => {
    const error = await expectAppError(
      submitShareRequest(
        submitOptions(brand, { consumerAccount: "SUBMIT.DS", datasetKeys: ["messaging-email", "changelogs"] }),
      ),
      {
        reason: "dataset_not_allowed",
      },
    );
    expect(error.message).toContain("changelogs");
    const changelogs = await db.dataset.findUniqueOrThrow({ where: { key: "changelogs" } });
    await expectAppError(
      submitShareRequest(
        submitOptions(brand, { consumerAccount: "SUBMIT.DS", datasetKeys: undefined, datasetIds: [changelogs.id] }),
      ),
      {
        reason: "dataset_not_allowed",
      },
    );
  });

  it("refuses viewers and outsiders as requesters", async () => {
    await expectAppError(
      submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.VIEW", requestedById: brand.viewer.id })),
      { code: "FORBIDDEN" },
    );
    await expectAppError(
      submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.VIEW", requestedById: otherBrand.owner.id })),
      { code: "FORBIDDEN" },
    );
  });

  it("refuses a malformed consumer account or region before touching the database", async () => {
    await expectAppError(submitShareRequest(submitOptions(brand, { consumerAccount: "acme.analytics" })), {
      reason: "invalid_consumer_account",
    });
    await expectAppError(submitShareRequest(submitOptions(brand, { consumerAccount: "X.Y'; DROP SHARE" })), {
      reason: "invalid_consumer_account",
    });
    await expectAppError(submitShareRequest(submitOptions(brand, { consumerRegion: "MARS_NORTH_1" })), {
      reason: "invalid_region",
    });
    await expectAppError(submitShareRequest(submitOptions(brand, { workspaceIds: [] })), {
      reason: "missing_selection",
    });
  });

  it("re-checks the pasted account details itself: a region or name that contradicts the fields is refused and nothing is written", async () => {
    const paste = "SB10001\tAWS_US_WEST_2\tSUBMIT\tPASTED";
    const region = await expectAppError(
      submitShareRequest(
        submitOptions(brand, {
          consumerAccount: "SUBMIT.PASTED",
          consumerRegion: "AWS_US_EAST_1",
          pastedAccountDetails: paste,
        }),
      ),
      {
        code: "INVALID_INPUT",
        reason: "region_mismatch",
      },
    );
    expect(region.fieldErrors?.consumerRegion?.[0]).toMatch(/CURRENT_REGION\(\) is AWS_US_WEST_2/);
    await expectAppError(
      submitShareRequest(
        submitOptions(brand, {
          consumerAccount: "SUBMIT.OTHER",
          consumerRegion: "AWS_US_WEST_2",
          pastedAccountDetails: paste,
        }),
      ),
      { reason: "account_mismatch" },
    );
    await expectAppError(
      submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.PASTED", pastedAccountDetails: "x;y" })),
      { reason: "invalid_paste" },
    );
    expect(await db.shareRequest.count({ where: { consumerAccount: { in: ["SUBMIT.PASTED", "SUBMIT.OTHER"] } } })).toBe(
      0,
    );
    const ok = await submitShareRequest(
      submitOptions(brand, {
        consumerAccount: "SB10001",
        consumerRegion: "AWS_US_WEST_2",
        pastedAccountDetails: paste,
      }),
    );
    const row = await db.shareRequest.findUniqueOrThrow({ where: { id: ok.id } });
    expect({ account: row.consumerAccount, locator: row.consumerLocator }).toEqual({
      account: "SUBMIT.PASTED",
      locator: "SB10001",
    });
  });

  it("refuses a duplicate of a live request and names the existing one", async () => {
    const first = await submitShareRequest(
      submitOptions(brand, { consumerAccount: "SUBMIT.DUP", workspaceIds: [brand.web.id, brand.mobile.id] }),
    );
    // Same sets in another order are the same request.
    const error = await expectAppError(
      submitShareRequest(
        submitOptions(brand, { consumerAccount: "SUBMIT.DUP", workspaceIds: [brand.mobile.id, brand.web.id] }),
      ),
      {
        code: "CONFLICT",
        reason: "duplicate",
      },
    );
    expect(error.details).toMatchObject({ existingRequestId: first.id, state: "PENDING_APPROVAL" });

    // A different dataset set or workspace set is a different request.
    await expect(
      submitShareRequest(
        submitOptions(brand, { consumerAccount: "SUBMIT.DUP", datasetKeys: ["messaging-email", "messaging-push"] }),
      ),
    ).resolves.toBeDefined();
    await expect(
      submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.DUP", workspaceIds: [brand.web.id] })),
    ).resolves.toBeDefined();
  });

  it("refuses a duplicate of a FAILED request too (it can be retried), but not of a cancelled or rejected one", async () => {
    const failed = await requestInState(brand, "FAILED", { consumerAccount: "SUBMIT.FAILED" });
    const error = await expectAppError(submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.FAILED" })), {
      reason: "duplicate",
    });
    expect(error.details?.existingRequestId).toBe(failed.requestId);

    await requestInState(brand, "CANCELLED", { consumerAccount: "SUBMIT.AGAIN" });
    await requestInState(brand, "REJECTED", {
      consumerAccount: "SUBMIT.AGAIN",
      workspaceIds: [brand.web.id, brand.mobile.id],
    });
    await expect(submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.AGAIN" }))).resolves.toMatchObject({
      state: "PENDING_APPROVAL",
    });
  });

  it("lets exactly one of several racing identical submissions through", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.RACE" }))),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(3);
    const winner = (ok[0] as PromiseFulfilledResult<{ id: string }>).value.id;
    for (const r of refused)
      expect(r.reason).toMatchObject({ reason: "duplicate", details: { existingRequestId: winner } });
    expect(
      await db.shareRequest.count({ where: { organizationId: brand.organization.id, consumerAccount: "SUBMIT.RACE" } }),
    ).toBe(1);
  });

  it("does not count another organisation's request as a duplicate", async () => {
    await submitShareRequest(submitOptions(brand, { consumerAccount: "SUBMIT.SHARED" }));
    await expect(
      submitShareRequest(submitOptions(otherBrand, { consumerAccount: "SUBMIT.SHARED" })),
    ).resolves.toBeDefined();
  });
});

describe("ShareRequest CHECK constraints", () => {
  async function insertRaw(
    consumerAccount: string,
    overrides: { state?: string; lakeRegion?: string; crossRegion?: boolean } = {},
  ) {
    return db.$executeRawUnsafe(
      `INSERT INTO "ShareRequest" ("id", "organizationId", "requestedById", "consumerAccount", "consumerRegion", "lakeRegion", "crossRegion", "state", "updatedAt")
       VALUES ($1, $2, $3, $4, 'AWS_US_EAST_1', $5, $6, $7::"RequestState", now())`,
      `raw-${Math.random().toString(36).slice(2)}`,
      brand.organization.id,
      brand.member.id,
      consumerAccount,
      overrides.lakeRegion ?? "AWS_US_EAST_1",
      overrides.crossRegion ?? false,
      overrides.state ?? "PENDING_APPROVAL",
    );
  }

  it("refuses a malformed consumer account written around the commands", async () => {
    await expect(insertRaw("acme.analytics")).rejects.toThrow(/ShareRequest_consumer_account_format/);
    await expect(insertRaw("ACME.ANALYTICS; DROP SHARE X")).rejects.toThrow(/ShareRequest_consumer_account_format/);
    await expect(insertRaw("ACME.ANALYTICS")).resolves.toBe(1);
  });

  it("refuses an inconsistent cross-region flag and a decision without a decider", async () => {
    await expect(insertRaw("ACME.X", { lakeRegion: "AWS_EU_CENTRAL_1", crossRegion: false })).rejects.toThrow(
      /ShareRequest_cross_region_consistent/,
    );
    await expect(insertRaw("ACME.Y", { state: "APPROVED" })).rejects.toThrow(/ShareRequest_decision_recorded/);
  });
});
