import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/guards";
import { isStaff } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { parsePage } from "@/lib/pagination";
import { listOutboxEmails } from "@/lib/portal/outbox";

export const metadata: Metadata = { title: "Outbox (development)" };

const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

// Where development mail goes instead of SMTP. A production deployment answers 404 unless it runs the demo
// (FLOE_DEMO_LOGIN=1). Signed-in users only; staff see all mail, anyone else only mail addressed to them.
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  // Reading the request first keeps this page dynamic: it must never be prerendered at build time, when
  // no configuration (database) is needed or available.
  const query = await searchParams;
  const config = getConfig();
  if (config.NODE_ENV === "production" && config.FLOE_DEMO_LOGIN !== "1") notFound();
  const user = await requireUser();
  const everyone = isStaff(user.staffRole);
  const result = await listOutboxEmails({ page: parsePage(query.page), recipient: everyone ? undefined : user.email });

  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader
        title="Outbox"
        description={`Mail Floe has queued, newest first (${result.total}). ${everyone ? "As staff you see every message." : `Only mail to ${user.email} is shown.`} Development only.`}
      />
      {result.items.length === 0 ? (
        <EmptyState
          title="No mail yet"
          description="Approving, rejecting, activating or failing a request sends mail to its requester; it appears here."
        />
      ) : (
        <ol className="space-y-4" aria-label="Emails">
          {result.items.map((mail) => (
            <li key={mail.id} data-testid="outbox-email">
              <Card>
                <article aria-labelledby={`mail-${mail.id}`}>
                  <h2 id={`mail-${mail.id}`} className="font-semibold">
                    {mail.subject}
                  </h2>
                  <p className="mt-1 text-xs text-muted">
                    To {mail.to} · {format.format(mail.createdAt)} UTC · {mail.kind} ·{" "}
                    {mail.sentAt ? "sent over SMTP" : "not sent (no SMTP server configured)"}
                  </p>
                  <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">{mail.text}</pre>
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} basePath="/dev/outbox" label="Outbox pages" />
    </main>
  );
}
