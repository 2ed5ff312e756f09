// The request form's two kinds: the brand's own account needs an identifier; a Floe-hosted reader account takes the
// region only and refuses an identifier or a paste (so a brand with an account is never silently given a reader).
import { describe, expect, it } from "vitest";
import { shareRequestSchema } from "@/lib/portal/share-request.schema";

const base = {
  orgSlug: "acme",
  workspaceIds: "ws1",
  datasetKeys: "messaging-email",
  consumerRegion: "AWS_US_EAST_1",
};

const issues = (input: unknown) => {
  const parsed = shareRequestSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("share request schema: consumer kind", () => {
  it("takes a reader-account request with the region only", () => {
    const parsed = shareRequestSchema.parse({ ...base, consumerKind: "READER_ACCOUNT", consumerAccount: "" });
    expect(parsed).toMatchObject({ consumerKind: "READER_ACCOUNT", consumerRegion: "AWS_US_EAST_1" });
    expect(parsed.consumerAccount).toBeUndefined();
  });

  it("refuses an identifier or a paste on a reader-account request, on their fields", () => {
    expect(issues({ ...base, consumerKind: "READER_ACCOUNT", consumerAccount: "ACME.PROD" }).consumerAccount).toMatch(
      /needs no account identifier/,
    );
    expect(
      issues({ ...base, consumerKind: "READER_ACCOUNT", pastedAccountDetails: "AB12345 | AWS_US_EAST_1" })
        .pastedAccountDetails,
    ).toMatch(/needs no pasted/);
  });

  it("still needs an identifier for the brand's own account, also when the kind is not sent", () => {
    expect(issues({ ...base, consumerKind: "OWN_ACCOUNT" }).consumerAccount).toMatch(/identifier/);
    expect(issues({ ...base }).consumerAccount).toMatch(/identifier/);
    expect(shareRequestSchema.parse({ ...base, consumerAccount: "acme.prod" })).toMatchObject({
      consumerKind: "OWN_ACCOUNT",
      consumerAccount: "ACME.PROD",
    });
  });

  it("refuses an unknown kind on the kind field", () => {
    expect(issues({ ...base, consumerKind: "BOTH", consumerAccount: "ACME.PROD" }).consumerKind).toBeTruthy();
  });
});
