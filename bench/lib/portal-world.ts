// The portal bench's bulk world: organisations (a workspace, the bulk owner's membership, every dataset
// each) and share requests spread over states, consumer regions and the last 60 days, inserted with
// createMany in chunks. Ids carry the run's tag, so runs never collide.
import { db } from "../../lib/db";

const STATES = [
  "PENDING_APPROVAL",
  "APPROVED",
  "PROVISIONING",
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "REVOKED",
  "REJECTED",
  "CANCELLED",
  "FAILED",
] as const;
const REGIONS = ["AWS_US_EAST_1", "AWS_EU_CENTRAL_1", "AWS_US_WEST_2"];

export type BulkWorld = {
  tag: string;
  ownerId: string;
  datasets: { id: string }[];
  orgs: { id: string; slug: string; name: string }[];
  workspaces: { id: string; organizationId: string; region: string }[];
};

const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>, size = 2000) => {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
};

/** Organisations `from`..`to` (exclusive) with a workspace, the bulk owner's membership and every dataset. */
export async function seedOrganizations(world: BulkWorld, from: number, to: number): Promise<void> {
  const orgs = Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return { id: `bo_${world.tag}_${i}`, slug: `bulk-${world.tag}-${i}`, name: `Bulk Brand ${i}` };
  });
  const workspaces = orgs.map((o, k) => ({
    id: `bw_${world.tag}_${from + k}`,
    organizationId: o.id,
    name: "Main",
    region: REGIONS[(from + k) % 2],
    lakeWorkspaceId: `lw${world.tag}${from + k}`,
  }));
  await chunk(orgs, (part) => db.organization.createMany({ data: part }));
  await chunk(workspaces, (part) => db.workspace.createMany({ data: part }));
  await chunk(
    orgs.map((o) => ({ userId: world.ownerId, organizationId: o.id, role: "OWNER" as const })),
    (part) => db.membership.createMany({ data: part }),
  );
  await chunk(
    orgs.flatMap((o) => world.datasets.map((d) => ({ organizationId: o.id, datasetId: d.id }))),
    (part) => db.organizationDataset.createMany({ data: part }),
  );
  world.orgs.push(...orgs);
  world.workspaces.push(...workspaces);
}

/** Requests number `from`..`to` (exclusive) of each organisation in `orgs` (workspace and dataset rows included). */
export async function seedRequests(
  world: BulkWorld,
  managerId: string,
  from: number,
  to: number,
  orgs: [number, number] = [0, world.orgs.length],
): Promise<number> {
  const now = Date.now();
  const perOrg = to - from;
  const requests = world.orgs.slice(orgs[0], orgs[1]).flatMap((o, index) =>
    Array.from({ length: perOrg }, (_, k) => {
      const i = orgs[0] + index;
      const j = from + k;
      const n = j * world.orgs.length + i;
      const consumerRegion = REGIONS[n % 3];
      const state = STATES[n % STATES.length];
      const decided = state !== "PENDING_APPROVAL" && state !== "CANCELLED";
      const createdAt = new Date(now - ((n * 7919) % (60 * 86_400_000)));
      return {
        id: `br_${world.tag}_${i}_${j}`,
        organizationId: o.id,
        requestedById: world.ownerId,
        consumerAccount: `BULK${i}.ACCOUNT${j}`,
        consumerRegion,
        lakeRegion: world.workspaces[i].region,
        crossRegion: consumerRegion !== world.workspaces[i].region,
        state,
        // The schema's checks: a decision has its decider and time, a rejection its reason.
        decidedById: decided ? managerId : null,
        decidedAt: decided ? createdAt : null,
        decisionReason: state === "REJECTED" ? "Bulk benchmark data" : null,
        createdAt,
        workspaceId: world.workspaces[i].id,
        datasetId: world.datasets[n % world.datasets.length].id,
      };
    }),
  );
  await chunk(requests, (part) =>
    db.shareRequest.createMany({ data: part.map(({ workspaceId: _w, datasetId: _d, ...r }) => r) }),
  );
  await chunk(
    requests.map((r) => ({ requestId: r.id, organizationId: r.organizationId, workspaceId: r.workspaceId })),
    (part) => db.shareRequestWorkspace.createMany({ data: part }),
  );
  await chunk(
    requests.map((r) => ({ requestId: r.id, datasetId: r.datasetId })),
    (part) => db.shareRequestDataset.createMany({ data: part }),
  );
  return requests.length;
}
