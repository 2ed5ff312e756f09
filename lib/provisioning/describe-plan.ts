// The approver's view of a plan: every statement exactly as it will run, with its bind values shown as
// comments, plus whether it crosses regions and what that costs. Pure, so the console can render it and
// the run can store the same text that was approved.

import { scheduleLabel } from "@/lib/snowflake/object-names";
import type { Plan, PlanStep, RevocationPlan, Statement } from "./plan-types";

export type CostClass = "none" | "replication-storage-and-transfer";

export type PlanDescription = {
  text: string;
  crossRegion: boolean;
  /** Null in-region: a direct share is live data with no copy. */
  expectedLag: string | null;
  costClass: CostClass;
  costNote: string;
  stepCount: number;
};

// Bind values can be any text; JSON escapes line breaks and quotes, and the extra escapes stop separators,
// bidi and zero-width characters from rearranging or hiding what the approver reads.
function showValue(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u2028\u2029\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C\u0080-\u009F]/g,
    (ch) => "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"),
  );
}

function statementText(statement: Statement, secret?: string): string {
  const lines = [`${statement.sql};`];
  const shown = [...(statement.binds ?? []).map(showValue), ...(secret ? [secret] : [])];
  if (shown.length > 0) lines.push(`-- binds: ${shown.map((b, i) => `${i + 1}=${b}`).join(", ")}`);
  return lines.join("\n");
}

function stepText(step: PlanStep, index: number, total: number, name: (id: string) => string): string {
  const header = `-- Step ${index + 1}/${total} ${step.key} — ${step.title} (on ${name(step.accountId)}${step.batch ? ", one round trip" : ""})`;
  const check = `-- Skipped when: ${step.check.description}`;
  // The proof code is made by the worker when the step runs and is never part of the plan; so is a reader account's
  // admin password, which goes where the statement shows `?` (plan-reader-account-steps.ts).
  const last = step.statements.length - 1;
  return [
    header,
    check,
    ...step.statements.map((s, i) =>
      statementText(
        s,
        step.secretBind === "proof-code" && i === last ? "<one-time code, made when the step runs>" : undefined,
      ),
    ),
  ].join("\n");
}

export function describePlan(plan: Plan | RevocationPlan): PlanDescription {
  const crossRegion = plan.crossRegion;
  const verb =
    plan.kind === "revoke"
      ? "Revoke"
      : plan.stage === "challenge"
        ? "Provision (proof of account control first)"
        : plan.stage === "release"
          ? "Release (after proof of account control)"
          : "Provision";
  // Plans stored before accountLabels existed still describe themselves, with ids.
  const name = (id: string) => plan.accountLabels?.[id] ?? `account ${id}`;
  const route =
    crossRegion && plan.replication
      ? `-- Cross-region: ${plan.database} replicates from ${name(plan.replication.sourceAccountId)} to ${name(plan.replication.targetAccountId)} every ${scheduleLabel(plan.replication.schedule)}; the share lives on ${name(plan.shareAccountId)}.`
      : `-- In-region: the share lives on ${name(plan.shareAccountId)}, next to the lake.`;
  const header = [
    `-- ${verb} share ${plan.shareName} for request ${showValue(plan.requestId)}`,
    `-- Consumer ${plan.consumer.account}${plan.consumer.locator && plan.consumer.locator !== plan.consumer.account ? ` (locator ${plan.consumer.locator})` : ""} in ${plan.consumer.region}`,
    ...(plan.kind === "provision" && plan.stage === "challenge"
      ? [
          "-- This brand has not proven control of this account: the share gets a one-time code and no entitlement rows; they are written after the brand enters the code (or an account manager waives the proof).",
        ]
      : []),
    route,
  ].join("\n");
  const steps = plan.steps.map((s, i) => stepText(s, i, plan.steps.length, name));
  return {
    text: [header, ...steps].join("\n\n") + "\n",
    crossRegion,
    expectedLag: crossRegion
      ? `Up to the ${scheduleLabel(plan.replication?.schedule ?? "10 MINUTE")
          .replace(/s$/, "")
          .replace(" ", "-")} refresh schedule: lake changes reach the consumer at the next replication refresh.`
      : null,
    costClass: crossRegion ? "replication-storage-and-transfer" : "none",
    costNote: crossRegion
      ? "Replication stores a copy of the lake database in the target account and pays cross-region data transfer on every refresh (shared by all shares on this path)."
      : "No extra cost: a direct share reads the lake in place; the consumer pays for their own queries.",
    stepCount: plan.steps.length,
  };
}
