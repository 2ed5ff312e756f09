import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ensureDatasets } from "@/prisma/seed/factories";
import { SetupError } from "./load-setup-config";
import type { SetupConfig, SetupProviderAccount } from "./setup-config.schema";

// The production bootstrap: the shipped dataset catalog, the first admin and the provider accounts, from
// the operator's own input. Idempotent: a second run with the same input changes nothing and records
// nothing; a run that changes something records one audit event per change (actor SYSTEM, since no one
// is signed in), in the same transaction as the change. It never touches brands, members or staff other
// than the named admin, so roles an admin revoked stay revoked however often it runs.

export type SetupOutcome = "created" | "updated" | "unchanged";
export type SetupSummary = {
  /** ssoLinkAllowedUntil: set when this run let the admin's next SSO sign-in link their IdP identity. */
  admin: { email: string; outcome: SetupOutcome; ssoLinkAllowedUntil: Date | null };
  providerAccounts: { region: string; outcome: SetupOutcome; changed: string[] }[];
  datasetsAdded: number;
};

const via = { via: "npm run setup" } as const;
/** The first admin has no other admin to allow their SSO link (lib/auth/sso-link.ts); setup does, for a week. */
export const SETUP_SSO_LINK_DAYS = 7;
type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function runSetup(db: PrismaClient, config: SetupConfig): Promise<SetupSummary> {
  const datasetsBefore = await db.dataset.count();
  await ensureDatasets(db);
  const datasetsAdded = (await db.dataset.count()) - datasetsBefore;
  try {
    return await db.$transaction(async (tx) => {
      if (datasetsAdded > 0)
        await recordAuditEvent(tx, {
          actor: { type: "SYSTEM" },
          organizationId: null,
          type: "setup.catalog_loaded",
          details: { ...via, datasetsAdded },
        });
      const admin = await ensureAdmin(tx, config.admin);
      const providerAccounts = [];
      for (const account of config.providerAccounts) providerAccounts.push(await ensureProviderAccount(tx, account));
      return { admin, providerAccounts, datasetsAdded };
    });
  } catch (error) {
    // Unique (organisation, account name) or (locator, region): another region's row already uses them.
    if ((error as { code?: string }).code === "P2002") {
      throw new SetupError(
        "A provider account in the input uses the organisation and account name, or the locator, of another region's existing account. Each account must be unique; fix the input or the existing account in the admin console.",
      );
    }
    throw error;
  }
}

async function ensureAdmin(tx: Tx, admin: SetupConfig["admin"]): Promise<SetupSummary["admin"]> {
  const user = await tx.user.findUnique({
    where: { email: admin.email },
    select: {
      id: true,
      staffRole: true,
      ssoLinkAllowedUntil: true,
      _count: { select: { memberships: true, authAccounts: true } },
    },
  });
  const ssoLinkAllowedUntil = new Date(Date.now() + SETUP_SSO_LINK_DAYS * 86400_000);
  if (!user) {
    const created = await tx.user.create({
      data: { email: admin.email, name: admin.name ?? null, staffRole: "ADMIN", ssoLinkAllowedUntil },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: null,
      type: "setup.admin_created",
      details: {
        ...via,
        userId: created.id,
        email: admin.email,
        ssoLinkAllowedUntil: ssoLinkAllowedUntil.toISOString(),
      },
    });
    return { email: admin.email, outcome: "created", ssoLinkAllowedUntil };
  }
  if (user.staffRole === "ADMIN") {
    // An admin who never linked SSO and whose permission ran out gets a new one: running setup is the
    // operator's explicit step, and without it a lone admin could be locked out of SSO for good.
    const open = user.ssoLinkAllowedUntil !== null && user.ssoLinkAllowedUntil > new Date();
    if (user._count.authAccounts > 0 || open)
      return { email: admin.email, outcome: "unchanged", ssoLinkAllowedUntil: null };
    await tx.user.update({ where: { id: user.id }, data: { ssoLinkAllowedUntil } });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: null,
      type: "setup.sso_link_allowed",
      details: { ...via, userId: user.id, email: admin.email, until: ssoLinkAllowedUntil.toISOString() },
    });
    return { email: admin.email, outcome: "updated", ssoLinkAllowedUntil };
  }
  // Same rule as granting a staff role in the console: a brand member deciding requests could approve their own brand's.
  if (user._count.memberships > 0)
    throw new SetupError(`${admin.email} belongs to a brand; brand users cannot be admins. Name another address.`);
  await tx.user.update({
    where: { id: user.id },
    data: { staffRole: "ADMIN", sessionVersion: { increment: 1 }, ssoLinkAllowedUntil },
  });
  await recordAuditEvent(tx, {
    actor: { type: "SYSTEM" },
    organizationId: null,
    type: "setup.admin_granted",
    details: {
      ...via,
      userId: user.id,
      email: admin.email,
      from: user.staffRole ?? "none",
      ssoLinkAllowedUntil: ssoLinkAllowedUntil.toISOString(),
    },
  });
  return { email: admin.email, outcome: "updated", ssoLinkAllowedUntil };
}

const compared = [
  "organizationName",
  "accountName",
  "locator",
  "hostsLake",
  "lakeDatabase",
  "username",
  "authMethod",
  "secretRef",
  "maxConcurrency",
] as const;

async function ensureProviderAccount(
  tx: Tx,
  account: SetupProviderAccount,
): Promise<SetupSummary["providerAccounts"][number]> {
  const data = {
    organizationName: account.organizationName,
    accountName: account.accountName,
    locator: account.locator,
    hostsLake: account.hostsLake,
    lakeDatabase: account.lakeDatabase ?? null,
    username: account.username,
    authMethod: account.authMethod,
    secretRef: account.secretRef,
    maxConcurrency: account.maxConcurrency,
  };
  const before = await tx.providerAccount.findUnique({
    where: { region: account.region },
    select: { id: true, ...Object.fromEntries(compared.map((k) => [k, true])) },
  });
  if (!before) {
    const created = await tx.providerAccount.create({
      data: { region: account.region, ...data },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: null,
      type: "setup.provider_account_created",
      // Where the secret lives is not recorded: the trail says that it was set, not where it points.
      details: {
        ...via,
        providerAccountId: created.id,
        region: account.region,
        accountName: data.accountName,
        locator: data.locator,
        hostsLake: data.hostsLake,
      },
    });
    return { region: account.region, outcome: "created", changed: [] };
  }
  const current = before as unknown as Record<(typeof compared)[number], unknown> & { id: string };
  const changed = compared.filter((key) => current[key] !== data[key]);
  if (changed.length === 0) return { region: account.region, outcome: "unchanged", changed };
  await tx.providerAccount.update({ where: { id: current.id }, data });
  const changes = Object.fromEntries(
    changed.map((key) => [
      key,
      key === "secretRef"
        ? { changed: true }
        : { from: current[key] as string | number | boolean | null, to: data[key] },
    ]),
  );
  await recordAuditEvent(tx, {
    actor: { type: "SYSTEM" },
    organizationId: null,
    type: "setup.provider_account_updated",
    details: { ...via, providerAccountId: current.id, region: account.region, changes },
  });
  return { region: account.region, outcome: "updated", changed };
}
