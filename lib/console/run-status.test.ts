import { describe, expect, it } from "vitest";
import { runsPollInterval, type ConsoleRunsStatus } from "./run-status.types";

const status = (state: ConsoleRunsStatus["state"], runState?: ConsoleRunsStatus["runs"][number]["state"]) =>
  ({
    state,
    updatedAt: "",
    runs: runState ? [{ state: runState }] : [],
    canRetry: false,
    canCancel: false,
  }) as unknown as ConsoleRunsStatus;

describe("runsPollInterval", () => {
  it("polls fast while work runs, slowly where someone else may still act, and not at terminal states", () => {
    expect(runsPollInterval(status("PROVISIONING", "RUNNING"))).toBe(1500);
    expect(runsPollInterval(status("AWAITING_PROOF", "SUCCEEDED"))).toBe(15_000);
    // The brand may remove an active share; another manager may retry a failed run.
    expect(runsPollInterval(status("ACTIVE", "SUCCEEDED"))).toBe(15_000);
    expect(runsPollInterval(status("FAILED", "FAILED"))).toBe(15_000);
    expect(runsPollInterval(status("REVOKED", "SUCCEEDED"))).toBe(false);
    expect(runsPollInterval(status("REJECTED"))).toBe(false);
  });
});
