// The objects the hostile-input suite aims at: a brand with requests in the states the actions need,
// another brand whose ids serve as forged ids, and an admin. Requests are driven through the real commands.
import { db } from "@/lib/db";
import { createBrand, latestRunId, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { generateProofCode, hashProofCode } from "@/lib/requests/account-proof-code";
import { createUser } from "@/prisma/seed/factories";
import { createApiTokenRecord } from "./api-probes";

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
  /** A public-API token of the brand's owner (all scopes), for the API's fields. */
  apiToken: string;
  approvedRequestId: string;
  otherSlug: string;
  otherRequestId: string;
  otherRunId: string;
  otherWorkspaceId: string;
  /** A request waiting for proof of account control, with a code issued (its hash; the code itself is thrown away). */
  awaitingProofRequestId: string;
  /** Clears the wrong-code count and any lock, so each hostile code is judged on its own, not on the lockout. */
  resetProofAttempts(): Promise<void>;
  /** Locks code entry as five wrong codes would (lib/requests/prove-account-control). */
  lockProofEntry(): Promise<void>;
  restoreProviderAccount(): Promise<void>;
  /** Runs `fn` on a PENDING_APPROVAL request of the brand; a fresh one replaces it once a call used it up. */
  withPendingRequest<T extends { refused: boolean }>(fn: (requestId: string) => Promise<T>): Promise<T>;
  /** Runs `fn` on an AWAITING_PROOF request; a fresh one replaces it once a call (a waiver) used it up. */
  withAwaitingProofRequest<T extends { refused: boolean }>(fn: (requestId: string) => Promise<T>): Promise<T>;
};

async function awaitingProof(brand: Brand): Promise<string> {
  const { requestId } = await requestInState(brand, "AWAITING_PROOF", { consumerAccount: uniqueConsumer() });
  // What the worker's write-proof-code step records (lib/requests/account-proof recordProofChallenge).
  await db.accountProofChallenge.upsert({
    where: { requestId },
    create: { requestId, codeHash: hashProofCode(generateProofCode()) },
    update: {},
  });
  return requestId;
}

export async function createHostileWorld(): Promise<HostileWorld> {
  const brand = await createBrand();
  const other = await createBrand();
  const admin = await createUser(db, { staffRole: "ADMIN" });
  const providerAccount = await db.providerAccount.findUniqueOrThrow({
    where: { id: brand.providerAccountId },
    select: { id: true, username: true, secretRef: true, maxConcurrency: true },
  });
  const otherApproved = await requestInState(other, "APPROVED");
  let pending = (await requestInState(brand, "PENDING_APPROVAL")).requestId;
  const awaitingProofRequestId = await awaitingProof(brand);
  let awaiting = await awaitingProof(brand);
  return {
    brand,
    admin,
    providerAccount,
    activeRequestId: (await requestInState(brand, "ACTIVE")).requestId,
    apiToken: (await createApiTokenRecord(brand.organization.id, brand.owner.id)).token,
    approvedRequestId: (await requestInState(brand, "APPROVED")).requestId,
    otherSlug: other.organization.slug,
    otherRequestId: otherApproved.requestId,
    otherRunId: await latestRunId(otherApproved.requestId),
    otherWorkspaceId: other.web.id,
    awaitingProofRequestId,
    async resetProofAttempts() {
      await db.accountProofChallenge.update({
        where: { requestId: awaitingProofRequestId },
        data: { failedAttempts: 0, lockedUntil: null },
      });
    },
    async lockProofEntry() {
      await db.accountProofChallenge.update({
        where: { requestId: awaitingProofRequestId },
        data: { failedAttempts: 0, lockedUntil: new Date(Date.now() + 15 * 60_000) },
      });
    },
    async restoreProviderAccount() {
      const { id, ...data } = providerAccount;
      await db.providerAccount.update({ where: { id }, data });
    },
    async withPendingRequest(fn) {
      const verdict = await fn(pending);
      if (!verdict.refused)
        pending = (await requestInState(brand, "PENDING_APPROVAL", { consumerAccount: uniqueConsumer() })).requestId;
      return verdict;
    },
    async withAwaitingProofRequest(fn) {
      const verdict = await fn(awaiting);
      if (!verdict.refused) awaiting = await awaitingProof(brand);
      return verdict;
    },
  };
}
