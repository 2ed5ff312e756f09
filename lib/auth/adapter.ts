import "server-only";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db";

// A next-auth adapter over our own models, with only what the Email and OIDC providers need (sessions are
// JWTs, so there are no session methods). Floe never creates users on sign-in: people are invited by the
// vendor, so `createUser` refuses. The sign-in callback stops unknown emails earlier with a proper message;
// this is the second lock on the same door.

const userSelect = {
  id: true,
  email: true,
  name: true,
  image: true,
  emailVerified: true,
  staffRole: true,
  sessionVersion: true,
} as const;

type UserRow = {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  emailVerified: Date | null;
  staffRole: AdapterUser["staffRole"];
  sessionVersion: number;
};

function toAdapterUser(row: UserRow | null): AdapterUser | null {
  return row ? { ...row } : null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function floeAdapter(): Adapter {
  return {
    async createUser() {
      throw new Error("Floe does not create users at sign-in; ask your account manager for an invitation.");
    },
    async getUser(id) {
      return toAdapterUser(await db.user.findUnique({ where: { id }, select: userSelect }));
    },
    async getUserByEmail(email) {
      return toAdapterUser(await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: userSelect }));
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const link = await db.authAccount.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: userSelect } },
      });
      return toAdapterUser(link?.user ?? null);
    },
    async updateUser({ id, emailVerified, name, image }) {
      // Only what a sign-in may change; the email and staff role are managed by the vendor, never by the IdP.
      const row = await db.user.update({
        where: { id },
        data: { emailVerified, name: name ?? undefined, image: image ?? undefined },
        select: userSelect,
      });
      return { ...row };
    },
    async linkAccount(account: AdapterAccount) {
      await db.authAccount.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refresh_token: account.refresh_token ?? null,
          access_token: account.access_token ?? null,
          expires_at: account.expires_at ?? null,
          token_type: account.token_type ?? null,
          scope: account.scope ?? null,
          id_token: account.id_token ?? null,
          session_state: typeof account.session_state === "string" ? account.session_state : null,
        },
      });
    },
    async createVerificationToken(token) {
      await db.verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      // Delete-and-return makes a link single-use even when two tabs open it at once. "Record not found"
      // (P2025) means it was already used or never existed, which is exactly `null` for next-auth.
      try {
        return await db.verificationToken.delete({ where: { identifier_token: { identifier, token } } });
      } catch (error) {
        if ((error as { code?: string }).code === "P2025") return null;
        throw error;
      }
    },
  };
}
