// Seeds the demo world of demo-tenants.ts into Postgres (idempotent: safe to run on every start).
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { brands, staff } from "./demo-tenants";
import { ensureDatasets, ensureProviderAccounts } from "./factories";

export type SeedOptions = { providerSecretRef?: string };

export async function seedDemoWorld(db: PrismaClient, options: SeedOptions = {}) {
  const datasets = await ensureDatasets(db);
  await ensureProviderAccounts(db, { secretRef: options.providerSecretRef });

  const staffIds = new Map<string, string>();
  for (const manager of staff.accountManagers) {
    const user = await db.user.upsert({
      where: { email: manager.email },
      create: { email: manager.email, name: manager.name, staffRole: "ACCOUNT_MANAGER" },
      update: { staffRole: "ACCOUNT_MANAGER" },
    });
    for (const slug of manager.brandSlugs) staffIds.set(slug, user.id);
  }
  for (const admin of staff.admins) {
    await db.user.upsert({
      where: { email: admin.email },
      create: { email: admin.email, name: admin.name, staffRole: "ADMIN" },
      update: { staffRole: "ADMIN" },
    });
  }

  for (const brand of brands) {
    const organization = await db.organization.upsert({
      where: { slug: brand.slug },
      create: { slug: brand.slug, name: brand.name, accountManagerId: staffIds.get(brand.slug) ?? null },
      update: { name: brand.name, accountManagerId: staffIds.get(brand.slug) ?? null },
    });
    for (const ws of brand.workspaces) {
      await db.workspace.upsert({
        where: { lakeWorkspaceId: ws.lakeWorkspaceId },
        create: {
          organizationId: organization.id,
          name: ws.name,
          region: ws.region,
          lakeWorkspaceId: ws.lakeWorkspaceId,
        },
        update: { name: ws.name, region: ws.region },
      });
    }
    const people = [
      ...brand.owners.map((u) => ({ ...u, role: "OWNER" as const })),
      ...brand.members.map((u) => ({ ...u, role: "MEMBER" as const })),
      ...brand.viewers.map((u) => ({ ...u, role: "VIEWER" as const })),
    ];
    for (const person of people) {
      const user = await db.user.upsert({
        where: { email: person.email },
        create: { email: person.email, name: person.name },
        update: {},
      });
      await db.membership.upsert({
        where: { userId_organizationId: { userId: user.id, organizationId: organization.id } },
        create: { userId: user.id, organizationId: organization.id, role: person.role },
        update: { role: person.role },
      });
    }
    for (const dataset of datasets.filter((d) => brand.datasetKeys.includes(d.key))) {
      await db.organizationDataset.upsert({
        where: { organizationId_datasetId: { organizationId: organization.id, datasetId: dataset.id } },
        create: { organizationId: organization.id, datasetId: dataset.id },
        update: {},
      });
    }
    // Each demo brand's own consumer account counts as proven (the demo has no earlier share to have
    // proven it through), so demo requests into it end ACTIVE; sharing into another brand's account
    // shows the proof-of-control step.
    const own = brand.consumerAccount;
    const consumerAccount = `${own.organization}.${own.name}`;
    await db.consumerAccountProof.upsert({
      where: {
        organizationId_consumerAccount_consumerRegion: {
          organizationId: organization.id,
          consumerAccount,
          consumerRegion: own.region,
        },
      },
      create: {
        organizationId: organization.id,
        consumerAccount,
        consumerRegion: own.region,
        method: "WAIVED",
        reason: "Demo world: the brand's own demo account",
      },
      update: {},
    });
  }
}

/** The sign-ins printed by `npm run dev` and offered by the demo login. */
export function demoSignIns(): { email: string; name: string; what: string }[] {
  return [
    ...brands.flatMap((b) => [
      ...b.owners.map((u) => ({ ...u, what: `${b.name} owner` })),
      ...b.members.filter((u) => !u.email.startsWith("sam@")).map((u) => ({ ...u, what: `${b.name} member` })),
      ...b.viewers.map((u) => ({ ...u, what: `${b.name} viewer` })),
    ]),
    { email: "sam@agency.example", name: "Sam Agency", what: "member of two brands" },
    ...staff.accountManagers.map((u) => ({ email: u.email, name: u.name, what: "account manager" })),
    ...staff.admins.map((u) => ({ email: u.email, name: u.name, what: "admin" })),
  ];
}
