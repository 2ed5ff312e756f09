// The cross-region plan: the lake lives in another region than the consumer, so the lake database is
// replicated to the vendor's account in the consumer's region and the share is created there, over the
// read-only replica. Entitlements can only be written in the source (the replica is read-only) and reach
// the target with the refresh, which is why the refresh comes after them and before the share.

import { grantErasuresSteps } from "./plan-erasure-steps";
import { grantFunctionsSteps } from "./plan-function-steps";
import type { ChosenDataset, Route } from "./plan-route";
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
import type { PlanStep } from "./plan-types";

export function crossRegionSteps(route: Route, datasets: ChosenDataset[], includePii: boolean): PlanStep[] {
  const path = route.replication;
  if (!path) throw new Error("crossRegionSteps needs a replication path");
  const { source, shareAccount: target } = route;
  const grants = grantsFor(route.database, datasets, includePii);
  const entitlement = entitlementFor(route, datasets, includePii);
  const expectedRows = datasets.length * route.workspaceIds.length;
  return [
    sourceReplicationGroupStep(source, target, path),
    writeEntitlementsStep(source, entitlement),
    replicaGroupStep(source, target, path),
    refreshReplicaStep(target, path, { ...entitlement, expectedRows }),
    createShareStep(target, route.shareName),
    grantUsageStep(target, route.shareName, route.database),
    grantSelectStep(target, route.shareName, grants),
    ...grantFunctionsSteps(target, route.shareName, grants),
    ...grantErasuresSteps(target, route.shareName, route.database),
    addAccountsStep(target, route.shareName, route.consumer.identifier, route.consumerLocator),
  ];
}
