import { describe, expect, it } from "vitest";
import { runsPollInterval, type ConsoleRunsStatus } from "./run-status.types";

const status = (state: ConsoleRunsStatus["state"], runState?: ConsoleRunsStatus["runs"][number]["state"]) =>
  ({ state, updatedAt: "", runs: runState ? [{ state: runState }] : [], canRetry: false, canCancel: false }) as unknown as ConsoleRunsStatus;

describe("runsPollInterval", () => {
  it("polls fast while work runs, slowly while the brand's proof code is awaited, and not at settled states", () => {
    expect(runsPollInterval(status("PROVISIONING", "RUNNING"))).toBe(1500);
    expect(runsPollInterval(status("AWAITING_PROOF", "SUCCEEDED"))).toBe(15_000);
    expect(runsPollInterval(status("ACTIVE", "SUCCEEDED"))).toBe(false);
    expect(runsPollInterval(status("FAILED", "FAILED"))).toBe(false);
  });
});
