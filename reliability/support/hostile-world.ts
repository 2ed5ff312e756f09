// The objects the hostile-input suite aims at: a brand with requests in the states the actions need,
// another brand whose ids serve as forged ids, and an admin. Requests are driven through the real commands.
import { db } from "@/lib/db";
import { createBrand, latestRunId, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { createUser } from "@/prisma/seed/factories";

let counter = 0;
/** A consumer account no other request uses (letters only, so it is always a valid ORG.ACCOUNT). */
export function uniqueConsumer(): string {
  let n = ++counter;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `HOSTILE${letters}${Date.now().toString(36).toUpperCase().replace(/\d/g, "")}.ACCOUNT`;
}

export type HostileWorld = {
  brand: Brand;
  admin: { id: string; email: string; name: string | null; staffRole: "ADMIN" | "ACCOUNT_MANAGER" | null };
  providerAccount: { id: string; username: string; secretRef: string; maxConcurrency: number };
  activeRequestId: string;
  approvedRequestId: string;
  otherSlug: string;
  otherRequestId: string;
  otherRunId: string;
  otherWorkspaceId: string;
  restoreProviderAccount(): Promise<void>;
  /** Runs `fn` on a PENDING_APPROVAL request of the brand; a fresh one replaces it once a call used it up. */
  withPendingRequest<T extends { refused: boolean }>(fn: (requestId: string) => Promise<T>): Promise<T>;
};

export async function createHostileWorld(): Promise<HostileWorld> {
  const brand = await createBrand();
  const other = await createBrand();
  const admin = await createUser(db, { staffRole: "ADMIN" });
  const providerAccount = await db.providerAccount.findUniqueOrThrow({ where: { id: brand.providerAccountId }, select: { id: true, username: true, secretRef: true, maxConcurrency: true } });
  const otherApproved = await requestInState(other, "APPROVED");
  let pending = (await requestInState(brand, "PENDING_APPROVAL")).requestId;
  return {
    brand,
    admin,
    providerAccount,
    activeRequestId: (await requestInState(brand, "ACTIVE")).requestId,
    approvedRequestId: (await requestInState(brand, "APPROVED")).requestId,
    otherSlug: other.organization.slug,
    otherRequestId: otherApproved.requestId,
    otherRunId: await latestRunId(otherApproved.requestId),
    otherWorkspaceId: other.web.id,
    async restoreProviderAccount() {
      const { id, ...data } = providerAccount;
      await db.providerAccount.update({ where: { id }, data });
    },
    async withPendingRequest(fn) {
      const verdict = await fn(pending);
      if (!verdict.refused) pending = (await requestInState(brand, "PENDING_APPROVAL", { consumerAccount: uniqueConsumer() })).requestId;
      return verdict;
    },
  };
}
