import { describe, expect, it } from "vitest";
import { describeAuditEvent, isTimelineEvent } from "./describe-audit-event";

const user = (name: string | null) => ({ actorType: "USER" as const, actor: { name } });

describe("describeAuditEvent", () => {
  it("says who decided and why", () => {
    expect(
      describeAuditEvent({ type: "request.approved", ...user("Amelia Manager"), details: { runId: "r", steps: 5 } }),
    ).toEqual({
      title: "Approved by Amelia Manager",
      detail: null,
      tone: "success",
    });
    expect(
      describeAuditEvent({ type: "request.rejected", ...user("Amelia Manager"), details: { reason: "Wrong account" } })
        .detail,
    ).toBe("Reason: Wrong account");
  });

  it("names the failing step in plain words and never the Snowflake error code", () => {
    const described = describeAuditEvent({
      type: "request.failed",
      actorType: "SYSTEM",
      actor: null,
      details: { stepKey: "add-accounts", errorCode: "002003", runId: "x" },
    });
    expect(described.detail).toBe("At step: Add your Snowflake account to the share.");
    expect(JSON.stringify(described)).not.toContain("002003");
  });

  it("marks retries and survives odd details", () => {
    expect(
      describeAuditEvent({
        type: "request.provisioning_started",
        actorType: "SYSTEM",
        actor: null,
        details: { attempt: 2 },
      }).title,
    ).toBe("Provisioning started (attempt 2)");
    expect(describeAuditEvent({ type: "request.submitted", ...user(null), details: ["odd"] })).toMatchObject({
      title: "Requested by Someone",
      detail: null,
    });
    expect(
      describeAuditEvent({ type: "share.something_new", actorType: "SYSTEM", actor: null, details: null }).title,
    ).toBe("share something new");
  });

  it("keeps run-internal events off the request timeline", () => {
    expect(isTimelineEvent("request.active")).toBe(true);
    expect(isTimelineEvent("run.started")).toBe(false);
  });
});
