// The two runs of a share into an account whose control is not proven yet (issue 10). Pure.
//
// challenge: everything the share needs except entitlement rows, plus the proof view and the one-time code,
//            then the account. The account can read the code and nothing else: every dataset view's row
//            access policy finds no entitlement for the share. The run ends AWAITING_PROOF.
// release:   after the brand entered the code (or staff waived the proof): the entitlement rows, the code
//            deleted, and cross-region the refresh that carries both to the replica. Ends ACTIVE.

import { grantErasuresSteps } from "./plan-erasure-steps";
import { grantFunctionsSteps } from "./plan-function-steps";
import type { ChosenDataset, Route } from "./plan-route";
import {
  deleteProofCodeStep,
  proofViewGrant,
  refreshReplicaForProofStep,
  writeProofCodeStep,
} from "./plan-proof-steps";
import { refreshReplicaStep, replicaGroupStep, sourceReplicationGroupStep } from "./plan-replication-steps";
import {
  addAccountsStep,
  createShareStep,
  entitlementFor,
  grantSelectStep,
  grantsFor,
  grantUsageStep,
  writeEntitlementsStep,
} from "./plan-steps";
import type { GrantRef, PlanStep } from "./plan-types";

/** A proof share's grants: the chosen views and the proof view. */
export function proofShareGrants(route: Route, datasets: ChosenDataset[], includePii: boolean): GrantRef[] {
  return [...grantsFor(route.database, datasets, includePii), proofViewGrant(route.database)];
}

export function challengeSteps(route: Route, datasets: ChosenDataset[], includePii: boolean): PlanStep[] {
  const grants = proofShareGrants(route, datasets, includePii);
  const { source, shareAccount } = route;
  const share = [
    createShareStep(shareAccount, route.shareName),
    grantUsageStep(shareAccount, route.shareName, route.database),
    grantSelectStep(shareAccount, route.shareName, grants),
    ...grantFunctionsSteps(shareAccount, route.shareName, grants),
    ...grantErasuresSteps(shareAccount, route.shareName, route.database),
  ];
  const code = writeProofCodeStep(source, route.database, route.shareName);
  const add = addAccountsStep(shareAccount, route.shareName, route.consumer.identifier, route.consumerLocator);
  if (!route.replication) return [...share, code, add];
  // Cross-region: the code is written in the source lake (the replica is read-only) and must reach the
  // replica before the account is added, so the consumer finds it at once.
  return [
    sourceReplicationGroupStep(source, shareAccount, route.replication),
    code,
    replicaGroupStep(source, shareAccount, route.replication),
    refreshReplicaForProofStep(shareAccount, route.replication, route.shareName),
    ...share,
    add,
  ];
}

export function releaseSteps(route: Route, datasets: ChosenDataset[], includePii: boolean): PlanStep[] {
  const entitlement = entitlementFor(route, datasets, includePii);
  const steps = [
    writeEntitlementsStep(route.source, entitlement),
    deleteProofCodeStep(route.source, route.database, route.shareName),
  ];
  if (route.replication) {
    const expectedRows = datasets.length * route.workspaceIds.length;
    steps.push(refreshReplicaStep(route.shareAccount, route.replication, { ...entitlement, expectedRows }));
  }
  return steps;
}
