import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { StaffTokenRevokeButton } from "@/components/console/staff-token-revoke-button";
import { requireStaff } from "@/lib/auth/guards";
import { listApiTokensForStaff } from "@/lib/api/api-tokens";
import { staffRevokeApiTokenAction } from "../requests/[requestId]/actions";

export const metadata: Metadata = { title: "API tokens" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export default async function ApiTokensPage() {
  await requireStaff();
  const tokens = await listApiTokensForStaff();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Every brand's active API tokens, newest first. Revoking one stops it at once and is recorded in that brand's audit trail."
      />
      <Card>
        {tokens.length === 0 ? (
          <EmptyState title="No active tokens" description="Brand owners create tokens on their API page." />
        ) : (
          <Table caption="Active API tokens">
            <thead>
              <tr>
                <Th>Brand</Th>
                <Th>Token</Th>
                <Th>Scopes</Th>
                <Th>Created by</Th>
                <Th>Last used</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <Td>{t.organization.name}</Td>
                  <Td>
                    {t.name} <code className="font-mono text-xs text-muted">{t.displayPrefix}…</code>
                  </Td>
                  <Td>{t.scopes.join(", ")}</Td>
                  <Td>{t.createdBy.name ?? t.createdBy.email}</Td>
                  <Td>{when(t.lastUsedAt)}</Td>
                  <Td>
                    <StaffTokenRevokeButton tokenId={t.id} name={t.name} action={staffRevokeApiTokenAction} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
