// planRevocation: access goes first (REMOVE ACCOUNTS takes effect at once), then the entitlement rows and
// any proof code (in the source; cross-region a refresh carries the deletion to the replica), then the
// share itself. Every step is done when Snowflake already holds its goal (execute-run.ts asks the check
// after an error too), so a revocation converges whatever was already gone.
// The replication group stays: other shares on the same path use it. Pure.

import { planHeader, resolveRoute } from "./plan-route";
import { refreshReplicaStep } from "./plan-replication-steps";
import { deleteProofCodeStep } from "./plan-proof-steps";
import { deleteEntitlementsStep, dropShareStep, removeAccountsStep } from "./plan-steps";
import { dropReaderAccountSteps } from "./plan-reader-account-steps";
import type { PlanRequest, PlanStep, RevocationPlan, Topology } from "./plan-types";

/** Only the fields that locate the share matter: the same request yields the same share name and accounts. */
export type RevocationRequest = Pick<
  PlanRequest,
  "id" | "organizationSlug" | "consumerAccount" | "consumerLocator" | "consumerRegion" | "workspaces" | "readerAccount"
>;

export function planRevocation({
  request,
  topology,
}: {
  request: RevocationRequest;
  topology: Topology;
}): RevocationPlan {
  const route = resolveRoute({ ...request, includePii: false, accountControl: "proven", datasets: [] }, topology);
  const consumerAccount = route.consumer.identifier;
  const entitlement = {
    shareName: route.shareName,
    database: route.database,
    consumerAccount,
    consumerRegion: route.consumerRegion,
  };
  const steps: PlanStep[] = [
    removeAccountsStep(route.shareAccount, route.shareName, consumerAccount, route.consumerLocator),
    deleteEntitlementsStep(route.source, entitlement),
    // A code left by an unfinished proof of control (a no-op for shares that never had one).
    deleteProofCodeStep(route.source, route.database, route.shareName),
  ];
  if (route.replication)
    steps.push(refreshReplicaStep(route.shareAccount, route.replication, { ...entitlement, expectedRows: 0 }));
  steps.push(dropShareStep(route.shareAccount, route.shareName));
  // A Floe-hosted reader account goes with its share (plan-reader-account-steps.ts).
  steps.push(...dropReaderAccountSteps(route.shareAccount, request.readerAccount));
  return { kind: "revoke", ...planHeader(request.id, route), steps };
}
