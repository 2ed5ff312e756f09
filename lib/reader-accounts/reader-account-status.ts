import "server-only";
import { db } from "@/lib/db";

/** What the brand's pages show of a request's reader account (never the password or token); tenant in the query. */
export async function readerAccountStatus(organizationId: string, requestId: string) {
  return db.readerAccount.findFirst({
    where: { requestId, organizationId },
    select: { accountName: true, deliveredAt: true, linkExpiresAt: true, droppedAt: true, url: true },
  });
}

/** The console's reader-account facts (staff pages only: requireStaff before calling). Never the password itself. */
export async function readerAccountForStaff(requestId: string) {
  const row = await db.readerAccount.findUnique({
    where: { requestId },
    select: {
      accountName: true,
      adminName: true,
      locator: true,
      deliveredAt: true,
      linkExpiresAt: true,
      droppedAt: true,
      passwordCiphertext: true,
    },
  });
  if (!row) return null;
  const { passwordCiphertext, ...facts } = row;
  return { ...facts, hasPassword: passwordCiphertext !== null };
}
