// The in-region plan: the consumer is in the lake's region, so the share lives on the lake account itself.
// Entitlement rows are written before the consumer is added, so the share never shows them an empty view.

import { grantErasuresSteps } from "./plan-erasure-steps";
import { grantFunctionsSteps } from "./plan-function-steps";
import type { ChosenDataset, Route } from "./plan-route";
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

export function inRegionSteps(route: Route, datasets: ChosenDataset[], includePii: boolean): PlanStep[] {
  const account = route.source;
  const grants = grantsFor(route.database, datasets, includePii);
  return [
    createShareStep(account, route.shareName),
    grantUsageStep(account, route.shareName, route.database),
    grantSelectStep(account, route.shareName, grants),
    ...grantFunctionsSteps(account, route.shareName, grants),
    ...grantErasuresSteps(account, route.shareName, route.database),
    writeEntitlementsStep(account, entitlementFor(route, datasets, includePii)),
    addAccountsStep(account, route.shareName, route.consumer.identifier, route.consumerLocator),
  ];
}
