// What Floe puts into next-auth's JWT and session (see lib/auth/options.ts callbacks).
import type { DefaultSession } from "next-auth";
import type { StaffRole } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string | null; staffRole: StaffRole | null } & Omit<
      DefaultSession["user"],
      "email" | "name"
    >;
    /** The user's session version when this session was issued (lib/auth/session.ts compares it). */
    sv?: number;
  }
  interface User {
    staffRole?: StaffRole | null;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    staffRole?: StaffRole | null;
    sv?: number;
  }
}
