import "server-only";
import { db } from "@/lib/db";

/** What the brand's pages show of a request's reader account (never the password or token); tenant in the query. */
export async function readerAccountStatus(organizationId: string, requestId: string) {
  return db.readerAccount.findFirst({
    where: { requestId, organizationId },
    select: { accountName: true, deliveredAt: true, linkExpiresAt: true, droppedAt: true, url: true },
  });
}
