import Link from "next/link";
import type { ConsoleActions } from "@/lib/console/console-actions";
import { Badge } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import type { ShareRow } from "@/lib/console/shares";
import { RevokeShareButton } from "./revoke-share-button";
import { VerifyResultView } from "./verify-result-view";

function verifyBadge(share: ShareRow) {
  const report = share.verifyResult;
  if (!report) return <Badge>Not verified</Badge>;
  const ok =
    report.missingGrants.length +
      report.extraGrants.length +
      report.missingAccounts.length +
      report.extraAccounts.length ===
    0;
  return ok ? <Badge tone="success">Matches plan</Badge> : <Badge tone="danger">Differs from plan</Badge>;
}

export function SharesTable({
  shares,
  now,
  revokeShareAction,
}: {
  shares: ShareRow[];
  now: Date;
  revokeShareAction: ConsoleActions["revokeShareAction"];
}) {
  return (
    <Table caption="Snowflake shares">
      <thead>
        <tr>
          <Th>Share</Th>
          <Th>Brand</Th>
          <Th>Consumer</Th>
          <Th>State</Th>
          <Th>Active since</Th>
          <Th>Verify</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {shares.map((share) => (
          <tr key={share.id} data-testid="share-row">
            <Td>
              <Link
                href={`/console/requests/${share.request.id}`}
                className="font-mono text-xs font-medium text-accent-strong hover:underline"
              >
                {share.name}
              </Link>
              <span className="block text-xs text-muted">
                {share.providerAccount.accountName} · {share.providerAccount.region}
              </span>
            </Td>
            <Td>{share.organization.name}</Td>
            <Td>
              <span className="font-mono text-xs">{share.consumerAccount}</span>
              <span className="block">
                <RegionLabel id={share.consumerRegion} />
              </span>
            </Td>
            <Td>
              <RequestStateBadge state={share.request.state} />
            </Td>
            <Td className="whitespace-nowrap text-muted">
              {share.activatedAt ? <TimeAgo date={share.activatedAt} now={now} /> : "—"}
            </Td>
            <Td>
              <details>
                <summary className="cursor-pointer">{verifyBadge(share)}</summary>
                <div className="mt-2 min-w-72">
                  <VerifyResultView report={share.verifyResult} />
                </div>
              </details>
            </Td>
            <Td>
              {share.request.state === "ACTIVE" ? (
                <Link
                  href={`/console/shares/${share.request.id}/preview`}
                  className="mr-2 inline-flex min-h-6 items-center text-sm text-accent-strong hover:underline"
                >
                  Preview as consumer
                </Link>
              ) : null}
              {share.request.state === "ACTIVE" ? (
                <RevokeShareButton
                  requestId={share.request.id}
                  consumerAccount={share.consumerAccount}
                  shareName={share.name}
                  revokeShareAction={revokeShareAction}
                  label="Revoke…"
                />
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
