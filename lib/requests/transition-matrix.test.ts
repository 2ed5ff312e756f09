// Every user-facing command against a request in every state: allowed exactly where the state machine says,
// and where refused, an AppError and no change at all (state, audit trail, runs).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { RequestState } from "@/lib/generated/prisma/enums";
import { createBrand, fakePlan, requestInState, stateOf, type Brand } from "@/lib/testing/request-fixtures";
import { approveShareRequest } from "./approve-share-request";
import { cancelShareRequest } from "./cancel-share-request";
import { rejectShareRequest } from "./reject-share-request";
import { requestRevocation } from "./request-revocation";
import { retryShareRequest } from "./retry-share-request";
import { canTransition, type RequestTransition } from "./state-machine";
import { waiveAccountProof } from "./waive-account-proof";

let brand: Brand;
const existing = new Map<RequestState, string>();
const states = Object.values(RequestState);

beforeAll(async () => {
  brand = await createBrand();
  for (const state of states) existing.set(state, (await requestInState(brand, state)).requestId);
});

type Command = { name: string; transitions: RequestTransition[]; run: (requestId: string) => Promise<unknown> };

const commands: Command[] = [
  {
    name: "approve",
    transitions: ["approve"],
    run: (requestId) => approveShareRequest({ requestId, approverId: brand.otherManager.id, ...fakePlan(brand) }),
  },
  {
    name: "reject",
    transitions: ["reject"],
    run: (requestId) => rejectShareRequest({ requestId, deciderId: brand.otherManager.id, reason: "No longer needed" }),
  },
  {
    name: "cancel",
    transitions: ["cancel"],
    run: (requestId) =>
      cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.owner.id }),
  },
  {
    name: "retry",
    transitions: ["retry_provisioning", "retry_revocation"],
    run: (requestId) => retryShareRequest({ requestId, actorId: brand.otherManager.id }),
  },
  {
    name: "request revocation",
    transitions: ["request_revocation"],
    run: (requestId) =>
      requestRevocation({ requestId, actorId: brand.owner.id, plan: {}, steps: fakePlan(brand, ["drop_share"]).steps }),
  },
  {
    name: "waive proof",
    transitions: ["prove_control"],
    run: (requestId) =>
      waiveAccountProof({
        requestId,
        actorId: brand.otherManager.id,
        reason: "Confirmed on a call",
        release: { plan: {}, steps: fakePlan(brand, ["write_entitlements"]).steps },
      }),
  },
];

async function snapshot(requestId: string) {
  const [state, events, runs, shares] = await Promise.all([
    stateOf(requestId),
    db.auditEvent.count({ where: { requestId } }),
    db.provisioningRun.findMany({
      where: { requestId },
      select: { id: true, state: true, attempt: true },
      orderBy: { id: "asc" },
    }),
    db.share.count({ where: { requestId } }),
  ]);
  return { state, events, runs, shares };
}

const cases = commands.flatMap((command) =>
  states.map((state) => ({ command, state, allowed: command.transitions.some((t) => canTransition(state, t)) })),
);

describe("transition matrix", () => {
  it.each(cases.map((c) => [c.command.name, c.state, c.allowed ? "allowed" : "refused", c] as const))(
    "%s from %s is %s",
    async (_name, state, _label, c) => {
      if (c.allowed) {
        const { requestId } = await requestInState(brand, state);
        const before = await snapshot(requestId);
        await c.command.run(requestId);
        const after = await snapshot(requestId);
        expect(after.state).not.toBe(before.state);
        expect(after.events).toBe(before.events + 1);
        return;
      }
      const requestId = existing.get(state) as string;
      const before = await snapshot(requestId);
      const error = await c.command.run(requestId).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error), `expected an AppError, got ${String(error)}`).toBe(true);
      expect(["CONFLICT", "INVALID_STATE"]).toContain((error as { code: string }).code);
      expect(await snapshot(requestId)).toEqual(before);
    },
  );

  it("covers every state and command", () => {
    expect(
      cases
        .filter((c) => c.allowed)
        .map((c) => `${c.command.name}:${c.state}`)
        .sort(),
    ).toEqual(
      [
        "approve:PENDING_APPROVAL",
        "reject:PENDING_APPROVAL",
        "cancel:PENDING_APPROVAL",
        "retry:FAILED",
        "request revocation:ACTIVE",
        "request revocation:FAILED",
        "request revocation:AWAITING_PROOF",
        "waive proof:AWAITING_PROOF",
      ].sort(),
    );
  });
});
