// planProvisioning: the pure function from (request, topology, catalog) to the ordered, idempotent steps
// that provision a share. The approver reads it (describePlan), the run stores it, the worker executes it
// and verify compares Snowflake with `expectedShare`. Same input, same plan: nothing here reads a clock,
// randomness or the environment.
//
// Stages (plan-types.ts ProvisionStage): an account whose control the brand has proven gets the complete
// plan; otherwise a challenge plan (share + one-time code, no rows) and, once the code is entered, a
// release plan (planRelease) for the rows.

import { chooseDatasets, planHeader, resolveRoute } from "./plan-route";
import { crossRegionSteps } from "./plan-cross-region";
import { inRegionSteps } from "./plan-in-region";
import { challengeSteps, proofShareGrants, releaseSteps } from "./plan-proof-stages";
import { erasureFeedGrant } from "./plan-erasure-steps";
import { grantsFor } from "./plan-steps";
import { readerAccountSteps } from "./plan-reader-account-steps";
import type { Plan, PlanCatalog, PlanRequest, ProvisionStage, Topology } from "./plan-types";

type PlanInput = { request: PlanRequest; topology: Topology; catalog: PlanCatalog };

export function planProvisioning(input: PlanInput): Plan {
  return planStage(input, input.request.accountControl === "proven" ? "complete" : "challenge");
}

/** The second run of a challenged share: entitlement rows, proof code deleted (after the code or a waiver). */
export function planRelease(input: PlanInput): Plan {
  return planStage(input, "release");
}

function planStage({ request, topology, catalog }: PlanInput, stage: ProvisionStage): Plan {
  const route = resolveRoute(request, topology);
  const datasets = chooseDatasets(request, catalog);
  const steps =
    stage === "challenge"
      ? challengeSteps(route, datasets, request.includePii)
      : stage === "release"
        ? releaseSteps(route, datasets, request.includePii)
        : route.crossRegion
          ? crossRegionSteps(route, datasets, request.includePii)
          : inRegionSteps(route, datasets, request.includePii);
  const grants =
    stage === "complete"
      ? grantsFor(route.database, datasets, request.includePii)
      : proofShareGrants(route, datasets, request.includePii);
  return {
    kind: "provision",
    stage,
    ...planHeader(request.id, route),
    // A Floe-hosted reader account first (none for the brand's own account; it never needs a proof stage).
    steps: [...readerAccountSteps(route.shareAccount, request.readerAccount, request.id), ...steps],
    expectedShare: {
      accountId: route.shareAccount.id,
      shareName: route.shareName,
      database: route.database,
      // Every stage's share carries the erasure feed (its own step in each builder).
      grants: [...grants, erasureFeedGrant(route.database)],
      accounts: [route.consumer.identifier],
    },
  };
}
