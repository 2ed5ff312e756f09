// planProvisioning: the pure function from (request, topology, catalog) to the ordered, idempotent steps
// that provision a share. The approver reads it (describePlan), the run stores it, the worker executes it
// and verify compares Snowflake with `expectedShare`. Same input, same plan: nothing here reads a clock,
// randomness or the environment.

import { chooseDatasets, planHeader, resolveRoute } from "./plan-route";
import { crossRegionSteps } from "./plan-cross-region";
import { inRegionSteps } from "./plan-in-region";
import { grantsFor } from "./plan-steps";
import type { Plan, PlanCatalog, PlanRequest, Topology } from "./plan-types";

export function planProvisioning({ request, topology, catalog }: { request: PlanRequest; topology: Topology; catalog: PlanCatalog }): Plan {
  const route = resolveRoute(request, topology);
  const datasets = chooseDatasets(request, catalog);
  const steps = route.crossRegion ? crossRegionSteps(route, datasets, request.includePii) : inRegionSteps(route, datasets, request.includePii);
  return {
    kind: "provision",
    ...planHeader(request.id, route),
    steps,
    expectedShare: {
      accountId: route.shareAccount.id,
      shareName: route.shareName,
      database: route.database,
      grants: grantsFor(route.database, datasets, request.includePii),
      accounts: [route.consumer.identifier],
    },
  };
}
