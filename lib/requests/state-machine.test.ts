import { describe, expect, it } from "vitest";
import { RequestState } from "@/lib/generated/prisma/enums";
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  isTerminal,
  liveStates,
  terminalStates,
  transitions,
} from "./state-machine";

const allStates = Object.values(RequestState);

describe("request state machine", () => {
  it("allows exactly the documented transitions", () => {
    const table = Object.fromEntries(allStates.map((s) => [s, allowedTransitions(s).sort()]));
    expect(table).toEqual({
      PENDING_APPROVAL: ["approve", "cancel", "reject"],
      APPROVED: ["fail", "start_provisioning"],
      PROVISIONING: ["activate", "await_proof", "fail"],
      AWAITING_PROOF: ["prove_control", "request_revocation"],
      ACTIVE: ["request_revocation"],
      REVOKING: ["fail", "finish_revocation"],
      REVOKED: [],
      REJECTED: [],
      CANCELLED: [],
      FAILED: ["request_revocation", "retry_provisioning", "retry_revocation"],
    });
  });

  it("leads each transition to the documented state", () => {
    expect(Object.fromEntries(Object.entries(transitions).map(([name, t]) => [name, t.to]))).toEqual({
      approve: "APPROVED",
      reject: "REJECTED",
      cancel: "CANCELLED",
      start_provisioning: "PROVISIONING",
      activate: "ACTIVE",
      await_proof: "AWAITING_PROOF",
      prove_control: "PROVISIONING",
      fail: "FAILED",
      retry_provisioning: "PROVISIONING",
      retry_revocation: "REVOKING",
      request_revocation: "REVOKING",
      finish_revocation: "REVOKED",
    });
  });

  it("has no way out of a terminal state and a way out of every other", () => {
    for (const state of allStates) {
      expect(allowedTransitions(state).length === 0).toBe(isTerminal(state));
    }
    expect([...terminalStates].sort()).toEqual(["CANCELLED", "REJECTED", "REVOKED"]);
  });

  it("counts every non-terminal state as live (blocks a duplicate request)", () => {
    expect([...liveStates].sort()).toEqual(allStates.filter((s) => !isTerminal(s)).sort());
  });

  it("reaches every state from PENDING_APPROVAL", () => {
    const seen = new Set<string>(["PENDING_APPROVAL"]);
    let frontier = ["PENDING_APPROVAL"] as RequestState[];
    while (frontier.length) {
      frontier = frontier
        .flatMap((s) => allowedTransitions(s).map((t) => transitions[t].to))
        .filter((s) => !seen.has(s) && seen.add(s));
    }
    expect([...seen].sort()).toEqual([...allStates].sort());
  });

  it("assertTransition narrows and refuses sources outside the table", () => {
    expect(assertTransition("fail", ["REVOKING"])).toEqual({ from: ["REVOKING"], to: "FAILED" });
    expect(() => assertTransition("fail", ["ACTIVE"])).toThrow(/not allowed from ACTIVE/);
    expect(canTransition("ACTIVE", "approve")).toBe(false);
  });
});
