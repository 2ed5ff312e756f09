import "server-only";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { forbiddenError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import type { Executors } from "@/lib/provisioning/runtime-types";
import { appNow } from "@/lib/time/clock";
import { hashLinkToken } from "./credential-link";
import { openPassword } from "./password-box";

// Reveals a reader account's login exactly once: through the e-mailed link (its token) or from the request page
// (the session of an owner or of the requester). The password is decrypted, shown, and erased in one transaction
// (row locked), so two racing opens show it at most once. Nothing is consumed until Snowflake lists the account
// (SHOW MANAGED ACCOUNTS gives its locator and URL; the account may take a while to become available).

export type RevealOutcome =
  | { outcome: "revealed"; accountName: string; locator: string; url: string; adminName: string; password: string }
  | { outcome: "already-used"; deliveredAt: Date }
  | { outcome: "expired" }
  | { outcome: "invalid" }
  | { outcome: "not-ready" };

export async function revealReaderCredentials(options: {
  organizationId: string;
  requestId: string;
  userId: string;
  /** The link's token; absent when revealed from the request page by its owner or requester. */
  token?: string;
  executors: Executors;
}): Promise<RevealOutcome> {
  const { organizationId, requestId, userId } = options;
  const reader = await db.readerAccount.findFirst({
    where: { requestId, organizationId },
    select: {
      accountName: true,
      deliveredAt: true,
      linkTokenHash: true,
      linkExpiresAt: true,
      passwordCiphertext: true,
      request: { select: { requestedById: true, state: true, share: { select: { providerAccountId: true } } } },
    },
  });
  if (!reader) throw notFoundError("reader account");
  if (!options.token) {
    const membership = await db.membership.findUnique({
      where: { userId_organizationId: { userId, organizationId } },
      select: { role: true },
    });
    if (membership?.role !== "OWNER" && reader.request.requestedById !== userId)
      throw forbiddenError("Only an owner of the brand or the requester can see the reader account's login.", {
        reason: "not_owner",
      });
  }
  const refused = (await judge(reader, options.token)) ?? null;
  if (refused) return refusal(organizationId, requestId, userId, refused);
  const providerAccountId = reader.request.share?.providerAccountId;
  if (!providerAccountId || reader.request.state !== "ACTIVE") return { outcome: "not-ready" };

  const executor = await options.executors.forAccount(providerAccountId);
  const { rows } = await executor.run(
    sql`SHOW MANAGED ACCOUNTS LIKE ${sqlStringLiteral(reader.accountName)}`.toStatement(),
  );
  const listed = rows.find((r) => String(r.account_name ?? r.ACCOUNT_NAME) === reader.accountName);
  if (!listed) return { outcome: "not-ready" };
  const locator = String(listed.locator ?? listed.LOCATOR);
  const url = String(listed.url ?? listed.URL);

  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      {
        deliveredAt: Date | null;
        linkTokenHash: string | null;
        linkExpiresAt: Date | null;
        passwordCiphertext: string | null;
        adminName: string;
      }[]
    >`SELECT "deliveredAt", "linkTokenHash", "linkExpiresAt", "passwordCiphertext", "adminName"
      FROM "ReaderAccount" WHERE "requestId" = ${requestId} FOR UPDATE`;
    const again = judge(row, options.token);
    if (again) return refusalIn(tx, organizationId, requestId, userId, again);
    const password = openPassword(row.passwordCiphertext!);
    const now = appNow();
    await tx.readerAccount.update({
      where: { requestId },
      data: {
        deliveredAt: now,
        passwordCiphertext: null,
        linkTokenHash: null,
        linkExpiresAt: null,
        locator,
        url,
      },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: userId },
      organizationId,
      requestId,
      type: "reader_account.credentials_revealed",
      details: { readerAccount: reader.accountName, via: options.token ? "link" : "request_page" },
    });
    return {
      outcome: "revealed" as const,
      accountName: reader.accountName,
      locator,
      url,
      adminName: row.adminName,
      password,
    };
  });
}

type Judged = Exclude<RevealOutcome, { outcome: "revealed" }>;

function judge(
  row: Pick<
    NonNullable<Awaited<ReturnType<typeof db.readerAccount.findFirst>>>,
    "deliveredAt" | "linkTokenHash" | "linkExpiresAt" | "passwordCiphertext"
  >,
  token: string | undefined,
): Judged | null {
  if (row.deliveredAt) return { outcome: "already-used", deliveredAt: row.deliveredAt };
  if (!row.passwordCiphertext || !row.linkExpiresAt) return { outcome: "not-ready" };
  if (token !== undefined && !tokenMatches(token, row.linkTokenHash)) return { outcome: "invalid" };
  if (row.linkExpiresAt.getTime() <= appNow().getTime()) return { outcome: "expired" };
  return null;
}

function tokenMatches(token: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashLinkToken(token), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

async function refusal(organizationId: string, requestId: string, userId: string, judged: Judged) {
  return db.$transaction((tx) => refusalIn(tx, organizationId, requestId, userId, judged));
}

async function refusalIn(
  tx: Parameters<Parameters<typeof db.$transaction>[0]>[0],
  organizationId: string,
  requestId: string,
  userId: string,
  judged: Judged,
): Promise<Judged> {
  if (judged.outcome !== "not-ready")
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: userId },
      organizationId,
      requestId,
      type: "reader_account.link_refused",
      details: { reason: judged.outcome },
    });
  return judged;
}
