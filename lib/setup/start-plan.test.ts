import { describe, expect, it } from "vitest";
import { planStart, SETUP_COMMAND } from "./start-plan";

describe("planStart", () => {
  it("never seeds in production, whatever the database holds or the demo switch says", () => {
    for (const adminCount of [0, 1, 5]) {
      for (const demoLoginEnabled of [true, false])
        expect(planStart({ production: true, adminCount, demoLoginEnabled }).seedDemo).toBe(false);
    }
  });

  it("refuses a production start without an admin and names the one command that fixes it", () => {
    const plan = planStart({ production: true, adminCount: 0, demoLoginEnabled: false });
    expect(plan.refusal).toContain(SETUP_COMMAND);
    expect(plan.refusal).toMatch(/no admin/);
    expect(SETUP_COMMAND).toBe("npm run setup -- --admin-email you@your-company.com --config floe.setup.json");
    expect(planStart({ production: true, adminCount: 1, demoLoginEnabled: false }).refusal).toBeNull();
  });

  it("seeds the demo world in development only", () => {
    expect(planStart({ production: false, adminCount: 0, demoLoginEnabled: true })).toEqual({
      seedDemo: true,
      refusal: null,
      showDemoSignIns: true,
    });
  });

  it("lists the demo sign-ins only when the demo sign-in is on", () => {
    expect(planStart({ production: true, adminCount: 1, demoLoginEnabled: false }).showDemoSignIns).toBe(false);
    expect(planStart({ production: true, adminCount: 1, demoLoginEnabled: true }).showDemoSignIns).toBe(true);
    expect(planStart({ production: false, adminCount: 1, demoLoginEnabled: false }).showDemoSignIns).toBe(false);
  });
});
