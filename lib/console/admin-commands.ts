import "server-only";
import { db } from "@/lib/db";
import { conflictError, forbiddenError, invalidInputError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { ProviderAccountInput } from "./admin.schema";

// Admin changes. Each one writes its audit event in the same transaction as the change, so the trail has
// an event exactly when the change committed. Secrets never pass through here: a provider account stores
// only a reference to its secret, and the audit records that the reference changed, not where it points.
// A role change also moves the person's session version on, so they sign in again under the new role.

export async function updateProviderAccount(options: ProviderAccountInput & { actorId: string }) {
  return db.$transaction(async (tx) => {
    const before = await tx.providerAccount.findUnique({
      where: { id: options.providerAccountId },
      select: { id: true, region: true, accountName: true, username: true, secretRef: true, maxConcurrency: true },
    });
    if (!before) throw notFoundError("provider account");
    const changes: Record<string, { from: string | number; to: string | number } | { changed: true }> = {};
    if (before.username !== options.username) changes.username = { from: before.username, to: options.username };
    if (before.maxConcurrency !== options.maxConcurrency)
      changes.maxConcurrency = { from: before.maxConcurrency, to: options.maxConcurrency };
    if (before.secretRef !== options.secretRef) changes.secretRef = { changed: true };
    if (Object.keys(changes).length === 0) return { providerAccountId: before.id, changed: [] as string[] };

    await tx.providerAccount.update({
      where: { id: before.id },
      data: { username: options.username, secretRef: options.secretRef, maxConcurrency: options.maxConcurrency },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: null,
      type: "admin.provider_account_updated",
      details: { providerAccountId: before.id, region: before.region, accountName: before.accountName, changes },
    });
    return { providerAccountId: before.id, changed: Object.keys(changes) };
  });
}

/**
 * Makes an existing user an account manager. A person who belongs to a brand cannot also be staff: they
 * could then decide their own brand's requests (self-approval only covers requests they submitted).
 */
export async function grantAccountManager(options: { email: string; actorId: string }) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: options.email },
      select: { id: true, email: true, staffRole: true, _count: { select: { memberships: true } } },
    });
    const notFound = "No Floe user has that email address. They need to sign in once (or be invited) first.";
    if (!user) throw invalidInputError(notFound, { fieldErrors: { email: [notFound] } });
    if (user.staffRole)
      throw conflictError(
        `${user.email} is already ${user.staffRole === "ADMIN" ? "an admin" : "an account manager"}.`,
      );
    if (user._count.memberships > 0) {
      const message = `${user.email} belongs to a brand; brand users cannot be account managers.`;
      throw invalidInputError(message, { reason: "brand_member", fieldErrors: { email: [message] } });
    }
    const updated = await tx.user.updateMany({
      where: { id: user.id, staffRole: null },
      data: { staffRole: "ACCOUNT_MANAGER", sessionVersion: { increment: 1 } },
    });
    if (updated.count === 0)
      throw conflictError("Someone else changed this person's role just now. Reload and try again.");
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: null,
      type: "admin.staff_role_granted",
      details: { userId: user.id, email: user.email, role: "ACCOUNT_MANAGER" },
    });
    return { userId: user.id };
  });
}

/** Takes the account manager role away; their brands become unassigned (an admin reassigns them). */
export async function revokeAccountManager(options: { userId: string; actorId: string }) {
  if (options.userId === options.actorId) throw forbiddenError("You cannot change your own role.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, staffRole: true },
    });
    if (!user) throw notFoundError("user");
    if (user.staffRole === "ADMIN") throw forbiddenError("Admins are managed outside the console.");
    const updated = await tx.user.updateMany({
      where: { id: user.id, staffRole: "ACCOUNT_MANAGER" },
      data: { staffRole: null, sessionVersion: { increment: 1 } },
    });
    if (updated.count === 0) throw conflictError(`${user.email} is no longer an account manager.`);
    const unassigned = await tx.organization.updateMany({
      where: { accountManagerId: user.id },
      data: { accountManagerId: null },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: null,
      type: "admin.staff_role_revoked",
      details: { userId: user.id, email: user.email, role: "ACCOUNT_MANAGER", brandsUnassigned: unassigned.count },
    });
    return { userId: user.id };
  });
}

/** How long an admin's permission to link an SSO identity stays open. */
export const SSO_LINK_WINDOW_HOURS = 24;

/**
 * Lets a staff member's next SSO sign-in attach their IdP identity to their Floe user (lib/auth/sso-link.ts):
 * the one way an IdP identity is ever linked. Another admin must allow it, so a stolen admin session cannot
 * link an identity for itself.
 */
export async function allowSsoLink(options: { userId: string; actorId: string }) {
  if (options.userId === options.actorId)
    throw forbiddenError("Another admin must allow your SSO link (or run `npm run setup` again).");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, staffRole: true },
    });
    if (!user || !user.staffRole) throw notFoundError("staff member");
    const until = new Date(Date.now() + SSO_LINK_WINDOW_HOURS * 3600_000);
    await tx.user.update({ where: { id: user.id }, data: { ssoLinkAllowedUntil: until } });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: null,
      type: "admin.sso_link_allowed",
      details: { userId: user.id, email: user.email, until: until.toISOString() },
    });
    return { userId: user.id, until };
  });
}
