import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ObjectNameError,
  piiViewName,
  rawTableName,
  replicationGroupNameFor,
  scheduleLabel,
  shareNameFor,
  shareRowsPolicyName,
  sharedViewName,
} from "./object-names";

describe("object names", () => {
  it("derives view and base table names from the catalog table name", () => {
    expect(sharedViewName("USERS_MESSAGES_EMAIL_SEND_SHARED")).toBe("USERS_MESSAGES_EMAIL_SEND_SHARED");
    expect(piiViewName("USERS_MESSAGES_EMAIL_SEND_SHARED")).toBe("USERS_MESSAGES_EMAIL_SEND_SHARED_ALL");
    expect(rawTableName("USERS_MESSAGES_EMAIL_SEND_SHARED")).toBe("USERS_MESSAGES_EMAIL_SEND");
    expect(() => sharedViewName('X"; DROP')).toThrow(ObjectNameError);
  });

  it("names each dataset's row access policies, the PII one apart", () => {
    expect(shareRowsPolicyName("messaging-email", false)).toBe("SHARE_ROWS_MESSAGING_EMAIL");
    expect(shareRowsPolicyName("messaging-email", true)).toBe("SHARE_ROWS_MESSAGING_EMAIL_PII");
    expect(() => shareRowsPolicyName('x"; DROP', false)).toThrow(ObjectNameError);
    expect(() => shareRowsPolicyName("Messaging", false)).toThrow(ObjectNameError);
  });

  it("names replication groups by lake and target region", () => {
    expect(replicationGroupNameFor({ lakeDatabase: "ENGAGEMENT_LAKE_US", targetRegion: "AWS_US_WEST_2" })).toBe(
      "FLOE_RG_ENGAGEMENT_LAKE_US_TO_AWS_US_WEST_2",
    );
    expect(() => replicationGroupNameFor({ lakeDatabase: "lake", targetRegion: "AWS_US_WEST_2" })).toThrow(
      ObjectNameError,
    );
  });

  it("formats schedules for people", () => {
    expect(scheduleLabel("10 MINUTE")).toBe("10 minutes");
    expect(scheduleLabel("1 MINUTE")).toBe("1 minute");
  });

  it("share names are FLOE_<SLUG>_<SHORTID>, deterministic and strictly A-Z0-9_", () => {
    const name = shareNameFor({ organizationSlug: "acme", requestId: "clx1" });
    expect(name).toMatch(/^FLOE_ACME_[0-9A-Z]{12}$/);
    expect(shareNameFor({ organizationSlug: "acme", requestId: "clx1" })).toBe(name);
    expect(shareNameFor({ organizationSlug: "Café Déjà-vu!", requestId: "x" })).toMatch(
      /^FLOE_CAFE_DEJA_VU_[0-9A-Z]{12}$/,
    );
    expect(shareNameFor({ organizationSlug: "—", requestId: "x" })).toMatch(/^FLOE_ORG_/);
    expect(() => shareNameFor({ organizationSlug: "acme", requestId: "" })).toThrow(ObjectNameError);
  });

  it("share names stay safe and bounded for any slug and request id", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
        (slug, id) => {
          expect(shareNameFor({ organizationSlug: slug, requestId: id })).toMatch(
            /^FLOE_[A-Z0-9]+(_[A-Z0-9]+)*_[0-9A-Z]{12}$/,
          );
          expect(shareNameFor({ organizationSlug: slug, requestId: id }).length).toBeLessThanOrEqual(42);
        },
      ),
    );
  });

  it("distinct request ids give distinct share names (no collisions in 100k sequential ids)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(shareNameFor({ organizationSlug: "acme", requestId: `req_${i}` }));
    expect(seen.size).toBe(100_000);
  });
});
