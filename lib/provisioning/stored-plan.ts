// The one reader of a plan stored as JSON with its run (ProvisioningRun.plan). Every place that reads a stored
// plan — the worker, the reconciliation check, the review page, the mount SQL — parses it here instead of
// casting, so a row written by an older Floe (or edited by hand) fails with a message, not a crash deep in a step.
// The schema is checked against the planner's types (plan-types.ts) at compile time: a field added there and
// forgotten here is a type error.
import { z } from "zod";
import {
  provisionStepKeys,
  revocationStepKeys,
  type Expectation,
  type GrantRef,
  type Plan,
  type PlanStep,
  type RevocationPlan,
  type StepKey,
} from "./plan-types";

const stepKeys = [...new Set([...provisionStepKeys, ...revocationStepKeys])] as [StepKey, ...StepKey[]];

const statementSchema = z.object({
  sql: z.string(),
  binds: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

const grantSchema: z.ZodType<GrantRef> = z.object({
  privilege: z.enum(["USAGE", "SELECT"]),
  grantedOn: z.enum(["DATABASE", "SCHEMA", "VIEW", "FUNCTION"]),
  name: z.string(),
});

const accountsExpectation = { shareName: z.string(), accounts: z.array(z.string()), locator: z.string().nullish() };
const expectationSchema: z.ZodType<Expectation> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("share-exists"), shareName: z.string() }),
  z.object({ kind: z.literal("share-absent"), shareName: z.string() }),
  z.object({ kind: z.literal("share-accounts-include"), ...accountsExpectation }),
  z.object({ kind: z.literal("share-accounts-exclude"), ...accountsExpectation }),
  z.object({ kind: z.literal("grants-include"), grants: z.array(grantSchema) }),
  z.object({
    kind: z.literal("count-equals"),
    column: z.string(),
    value: z.number(),
    absentCountsAsZero: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("replication-group-exists"),
    groupName: z.string(),
    isPrimary: z.boolean(),
    accountName: z.string(),
  }),
  z.object({ kind: z.literal("managed-account-exists"), accountName: z.string() }),
  z.object({ kind: z.literal("managed-account-absent"), accountName: z.string() }),
]);

const stepSchema: z.ZodType<PlanStep> = z.object({
  key: z.enum(stepKeys),
  title: z.string(),
  accountId: z.string(),
  statements: z.array(statementSchema),
  batch: z.boolean(),
  check: z.object({ description: z.string(), statement: statementSchema, expect: expectationSchema }),
  alreadyDoneErrorCodes: z.array(z.string()).optional(),
  secretBind: z.enum(["proof-code", "reader-password"]).optional(),
});

const commonShape = {
  requestId: z.string(),
  shareName: z.string(),
  crossRegion: z.boolean(),
  consumer: z.object({ account: z.string(), region: z.string(), locator: z.string().nullish() }),
  sourceAccountId: z.string(),
  shareAccountId: z.string(),
  database: z.string(),
  replication: z
    .object({
      groupName: z.string(),
      sourceAccountId: z.string(),
      targetAccountId: z.string(),
      database: z.string(),
      schedule: z.string(),
    })
    .nullable(),
  providerAccountRef: z.string(),
  accountLabels: z.record(z.string(), z.string()).optional(),
  steps: z.array(stepSchema),
};

const provisionPlanSchema: z.ZodType<Plan> = z.object({
  ...commonShape,
  kind: z.literal("provision"),
  stage: z.enum(["complete", "challenge", "release"]),
  expectedShare: z.object({
    accountId: z.string(),
    shareName: z.string(),
    database: z.string(),
    grants: z.array(grantSchema),
    accounts: z.array(z.string()),
  }),
});

const revocationPlanSchema: z.ZodType<RevocationPlan> = z.object({ ...commonShape, kind: z.literal("revoke") });

/** A stored plan whose JSON does not have the planner's shape. */
export class StoredPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoredPlanError";
  }
}

/** A run's stored plan (provision or revoke); throws StoredPlanError naming the first bad field. */
export function parseStoredPlan(value: unknown): Plan | RevocationPlan {
  const kind = typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const parsed = (kind === "revoke" ? revocationPlanSchema : provisionPlanSchema).safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StoredPlanError(
    `The stored plan is not a plan Floe can read (${issue?.path.join(".") || "plan"}: ${issue?.message ?? "invalid"})`,
  );
}

/** A stored provision plan, or null for anything else (no plan, a revoke plan, or a plan of another shape). */
export function storedProvisionPlan(value: unknown): Plan | null {
  const parsed = provisionPlanSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
