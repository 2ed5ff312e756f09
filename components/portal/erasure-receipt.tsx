import { Card } from "@/components/ui/card";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { ErasureStateBadge } from "@/components/portal/erasure-state-badge";
import type { ErasureReceipt as Receipt } from "@/lib/erasure/erasure-queries";

const at = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace("T", " ")} UTC` : "—");
const count = (n: number | null) => (n === null ? "—" : n.toLocaleString("en"));

/**
 * Shares read through SIMULATED_DATA_SHARING_CONSUMER in that region. "Could not be told apart": several shares
 * into one account, which the parameter cannot separate (lib/erasure/erasure-consumer-verify.ts).
 */
function consumerChecks(verified: number | null, unverifiable: number | null): string {
  if (verified === null && unverifiable === null) return "—";
  const parts = [`${count(verified ?? 0)} verified`];
  if (unverifiable) parts.push(`${count(unverifiable)} could not be told apart`);
  return parts.join(", ");
}

/** How long the erasure took, in the unit that reads best (GDPR allows a month). */
export function durationLabel(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} seconds`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} minutes`;
  return `${Math.round(s / 3600)} hours`;
}

/** The receipt of one erasure request: counts, the SLA clock and, per region, when it was erased and verified. */
export function ErasureReceipt({ erasure }: { erasure: Receipt }) {
  return (
    <div className="space-y-4">
      <Card title="Summary">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="text-muted">State</dt>
            <dd>
              <ErasureStateBadge state={erasure.state} />
            </dd>
          </div>
          <div>
            <dt className="text-muted">Identifiers requested</dt>
            <dd>{count(erasure.requestedCount)}</dd>
          </div>
          <div>
            <dt className="text-muted">Duplicates in the submission</dt>
            <dd>{count(erasure.duplicateCount)}</dd>
          </div>
          <div>
            <dt className="text-muted">Matched a subject</dt>
            <dd>{count(erasure.matchedCount)}</dd>
          </div>
          <div>
            <dt className="text-muted">Unknown (no data held)</dt>
            <dd>{count(erasure.unknownCount)}</dd>
          </div>
          <div>
            <dt className="text-muted">Workspace</dt>
            <dd>{erasure.workspace?.name ?? "Every workspace"}</dd>
          </div>
          <div>
            <dt className="text-muted">Received</dt>
            <dd>{at(erasure.createdAt)}</dd>
          </div>
          <div>
            <dt className="text-muted">GDPR due (one month)</dt>
            <dd>{at(erasure.dueAt)}</dd>
          </div>
          <div>
            <dt className="text-muted">Time to complete</dt>
            <dd>
              {erasure.completedAt
                ? durationLabel(erasure.completedAt.getTime() - erasure.createdAt.getTime())
                : "Not finished yet"}
            </dd>
          </div>
        </dl>
      </Card>
      <Card
        title="Regions"
        description="The lake (primary) first, then each replica, refreshed after the primary. Each region is verified by reading every affected share as its consumer sees it."
      >
        {erasure.regions.length === 0 ? (
          <p className="text-sm text-muted">No region finished yet.</p>
        ) : (
          <Table caption="Erasure per region">
            <thead>
              <tr>
                <Th>Region</Th>
                <Th>Role</Th>
                <Th>Keys erased</Th>
                <Th>Erased at</Th>
                <Th>Refreshed at</Th>
                <Th>Verified at</Th>
                <Th>Shares checked as their consumer</Th>
              </tr>
            </thead>
            <tbody>
              {erasure.regions.map((r) => (
                <tr key={r.region}>
                  <Td>
                    <RegionLabel id={r.region} />
                  </Td>
                  <Td>{r.role === "PRIMARY" ? "Primary" : "Replica"}</Td>
                  <Td>{count(r.matchedKeys)}</Td>
                  <Td>{at(r.erasedAt)}</Td>
                  <Td>{r.role === "PRIMARY" ? "n/a" : at(r.refreshedAt)}</Td>
                  <Td>{at(r.verifiedAt)}</Td>
                  <Td>{consumerChecks(r.consumerSharesVerified, r.consumerSharesUnverifiable)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
