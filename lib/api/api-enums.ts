// The enum values the API exposes, as plain tuples for zod (kept equal to Prisma's enums by the compiler:
// each list `satisfies` the generated type in both directions).
import type { RequestState, RunKind, RunState, StepState } from "@/lib/generated/prisma/enums";

type Exhaustive<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;

const states = [
  "PENDING_APPROVAL",
  "APPROVED",
  "PROVISIONING",
  "AWAITING_PROOF",
  "ACTIVE",
  "REVOKING",
  "REVOKED",
  "REJECTED",
  "CANCELLED",
  "FAILED",
] as const satisfies readonly RequestState[];
export const requestStates: Exhaustive<RequestState, typeof states> = states;

const kinds = ["PROVISION", "REVOKE", "REPAIR"] as const satisfies readonly RunKind[];
export const runKinds: Exhaustive<RunKind, typeof kinds> = kinds;

const runs = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const satisfies readonly RunState[];
export const runStates: Exhaustive<RunState, typeof runs> = runs;

const steps = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "SKIPPED"] as const satisfies readonly StepState[];
export const stepStates: Exhaustive<StepState, typeof steps> = steps;
