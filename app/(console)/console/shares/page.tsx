import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import { requireStaff } from "@/lib/auth/guards";
import { listShares } from "@/lib/console/shares";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Shares" };

export default async function SharesPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireStaff();
  const shares = await listShares({ page: parsePage((await searchParams).page) });
  const now = new Date();

  return (
    <>
      <PageHeader title="Shares" description="Every Snowflake share Floe has created, newest first." />
      <Card>
        {shares.items.length === 0 ? (
          <EmptyState title="No shares yet" description="A share is created when an approved request finishes provisioning." />
        ) : (
          <>
            <Table caption="Snowflake shares">
              <thead>
                <tr>
                  <Th>Share</Th>
                  <Th>Brand</Th>
                  <Th>Consumer</Th>
                  <Th>Provider account</Th>
                  <Th>State</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody>
                {shares.items.map((share) => (
                  <tr key={share.id}>
                    <Td className="font-mono text-xs">{share.name}</Td>
                    <Td>{share.organization.name}</Td>
                    <Td>
                      <span className="font-mono text-xs">{share.consumerAccount}</span>
                      <span className="block">
                        <RegionLabel id={share.consumerRegion} />
                      </span>
                    </Td>
                    <Td>
                      {share.providerAccount.accountName} <span className="font-mono text-xs text-muted">{share.providerAccount.region}</span>
                    </Td>
                    <Td>
                      <RequestStateBadge state={share.request.state} />
                    </Td>
                    <Td className="whitespace-nowrap text-muted">
                      <TimeAgo date={share.createdAt} now={now} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={shares.page} pageCount={shares.pageCount} basePath="/console/shares" label="Share pages" />
          </>
        )}
      </Card>
    </>
  );
}
