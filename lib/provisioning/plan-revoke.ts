// planRevocation: access goes first (REMOVE ACCOUNTS takes effect at once), then the entitlement rows
// (in the source; cross-region a refresh carries the deletion to the replica), then the share itself.
// The replication group stays: other shares on the same path use it. Pure.

import { planHeader, resolveRoute } from "./plan-route";
import { refreshReplicaStep } from "./plan-replication-steps";
import { deleteEntitlementsStep, dropShareStep, removeAccountsStep } from "./plan-steps";
import type { PlanRequest, PlanStep, RevocationPlan, Topology } from "./plan-types";

/** Only the fields that locate the share matter: the same request yields the same share name and accounts. */
export type RevocationRequest = Pick<PlanRequest, "id" | "organizationSlug" | "consumerAccount" | "consumerRegion" | "workspaces">;

export function planRevocation({ request, topology }: { request: RevocationRequest; topology: Topology }): RevocationPlan {
  const route = resolveRoute({ ...request, includePii: false, datasets: [] }, topology);
  const consumerAccount = route.consumer.identifier;
  const entitlement = { shareName: route.shareName, database: route.database, consumerAccount, consumerRegion: route.consumerRegion };
  const steps: PlanStep[] = [
    removeAccountsStep(route.shareAccount, route.shareName, consumerAccount),
    deleteEntitlementsStep(route.source, entitlement),
  ];
  if (route.replication) steps.push(refreshReplicaStep(route.shareAccount, route.replication, { ...entitlement, expectedRows: 0 }));
  steps.push(dropShareStep(route.shareAccount, route.shareName));
  return { kind: "revoke", ...planHeader(request.id, route), steps };
}
