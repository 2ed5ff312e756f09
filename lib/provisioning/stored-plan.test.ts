// Every plan shape the planner makes survives the trip through JSON (how it is stored with its run) and the
// one stored-plan schema; a plan that lost or changed a field is refused with the field's path.
import { describe, expect, it } from "vitest";
import { planProvisioning, planRelease } from "./plan";
import { planRevocation } from "./plan-revoke";
import { parseStoredPlan, storedProvisionPlan, StoredPlanError } from "./stored-plan";
import { demoCatalog as catalog, demoRequest, demoTopology as topology } from "./testing/demo-plan-inputs";

const stored = (plan: unknown) => JSON.parse(JSON.stringify(plan));
const crossRegion = demoRequest("pacific", { region: "AWS_US_EAST_1" });

const plans = {
  "in-region provision": planProvisioning({ request: demoRequest("nordlicht"), topology, catalog }),
  "cross-region provision": planProvisioning({ request: crossRegion, topology, catalog }),
  "proof challenge": planProvisioning({
    request: demoRequest("nordlicht", { accountControl: "unproven" }),
    topology,
    catalog,
  }),
  "proof release": planRelease({
    request: demoRequest("nordlicht", { accountControl: "unproven" }),
    topology,
    catalog,
  }),
  "in-region revoke": planRevocation({ request: demoRequest("nordlicht"), topology }),
  "cross-region revoke": planRevocation({ request: crossRegion, topology }),
};

describe("stored plans", () => {
  it.each(Object.entries(plans))("%s: parsed back exactly as planned", (_name, plan) => {
    expect(parseStoredPlan(stored(plan))).toEqual(plan);
  });

  it("storedProvisionPlan takes provision plans only", () => {
    expect(storedProvisionPlan(stored(plans["cross-region provision"]))).toEqual(plans["cross-region provision"]);
    expect(storedProvisionPlan(stored(plans["in-region revoke"]))).toBeNull();
    expect(storedProvisionPlan(null)).toBeNull();
  });

  it("a plan with a missing or unknown field part is refused, naming where", () => {
    const noGrants = stored(plans["in-region provision"]);
    delete noGrants.expectedShare.grants;
    expect(() => parseStoredPlan(noGrants)).toThrow(StoredPlanError);
    expect(storedProvisionPlan(noGrants)).toBeNull();

    const unknownStep = stored(plans["in-region revoke"]);
    unknownStep.steps[0].key = "drop-database";
    expect(() => parseStoredPlan(unknownStep)).toThrow(/steps\.0\.key/);
    expect(() => parseStoredPlan("not a plan")).toThrow(/not a plan Floe can read/);
  });
});
