import { describe, expect, it } from "vitest";
import { auditEventTypes } from "@/lib/audit/audit-event-types";
import { auditTypeOptions, parseAuditParams } from "./audit-filters";

describe("audit filter options", () => {
  const values = auditTypeOptions.map((o) => o.value);

  it("offer every event type Floe records, run.started included, once each", () => {
    expect(values).toContain("run.started");
    expect(auditEventTypes.filter((t) => !values.includes(t))).toEqual([]);
    expect(new Set(values).size).toBe(values.length);
  });

  it("offer a family prefix for every family, and each option is a value the URL parser keeps", () => {
    for (const family of new Set(auditEventTypes.map((t) => t.split(".")[0]))) expect(values).toContain(`${family}.`);
    for (const value of values) expect(parseAuditParams({ type: value }).type).toBe(value);
  });
});
