// The people of the authorization matrix: one brand (owner, member, viewer, two account managers), the
// owner of another brand, and an admin — made through the seed factories, like every database test.
import { db } from "@/lib/db";
import { createBrand, type Brand } from "@/lib/testing/request-fixtures";
import { createOrganization, createUser } from "@/prisma/seed/factories";
import type { Persona } from "../endpoints";

export type World = {
  brand: Brand;
  users: Record<
    Exclude<Persona, "signedOut">,
    { id: string; email: string; name: string | null; staffRole: "ACCOUNT_MANAGER" | "ADMIN" | null }
  >;
};

export async function createWorld(): Promise<World> {
  const brand = await createBrand();
  const other = await createOrganization(db, {
    members: [{ role: "OWNER" }],
    datasetKeys: ["messaging-email"],
    workspaces: [{ name: "Other", region: "AWS_US_EAST_1" }],
  });
  const admin = await createUser(db, { staffRole: "ADMIN" });
  return {
    brand,
    users: {
      viewer: brand.viewer,
      member: brand.member,
      owner: brand.owner,
      otherOwner: other.members[0],
      accountManager: brand.manager,
      admin,
    },
  };
}
