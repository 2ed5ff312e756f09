// Factories shared by the seed script and the tests: each creates a consistent slice of the model with
// unique names, so tests can run side by side in one database without cleaning up after each other.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { OrgRole, StaffRole } from "../../lib/generated/prisma/enums";
import { catalogDatasets, datasetDescription, datasetObjects } from "./catalog";
import { providerAccounts, vendorOrganization, type DemoRegion } from "./demo-tenants";

export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

/** Datasets and secure views from the shipped catalog; idempotent. */
export async function ensureDatasets(db: PrismaClient) {
  for (const dataset of catalogDatasets) {
    const row = await db.dataset.upsert({
      where: { key: dataset.key },
      create: { key: dataset.key, title: dataset.title, description: datasetDescription(dataset.key) },
      update: { title: dataset.title, description: datasetDescription(dataset.key) },
    });
    for (const object of datasetObjects(dataset)) {
      await db.datasetObject.upsert({
        where: { datasetId_viewName: { datasetId: row.id, viewName: object.viewName } },
        create: { datasetId: row.id, ...object },
        update: object,
      });
    }
  }
  return db.dataset.findMany({ include: { objects: true }, orderBy: { key: "asc" } });
}

/**
 * The vendor's provider accounts of the demo topology; idempotent. Secrets are referenced, not stored:
 * the emulator's provisioner key pair by default (written by the emulator on first start).
 */
export async function ensureProviderAccounts(
  db: PrismaClient,
  options: { secretRef?: string; authMethod?: "KEY_PAIR" | "PASSWORD"; username?: string } = {},
) {
  const secretRef = options.secretRef ?? "file:.data/emulator/keys/floe_provisioner.p8";
  for (const account of providerAccounts) {
    const data = {
      organizationName: vendorOrganization,
      accountName: account.name,
      locator: account.locator,
      hostsLake: account.hostsLake,
      lakeDatabase: account.lakeDatabase,
      username: options.username ?? "FLOE_PROVISIONER",
      authMethod: options.authMethod ?? "KEY_PAIR",
      secretRef,
      maxConcurrency: 4,
    };
    await db.providerAccount.upsert({
      where: { region: account.region },
      create: { region: account.region, ...data },
      update: data,
    });
  }
  return db.providerAccount.findMany({ orderBy: { region: "asc" } });
}

export async function createUser(
  db: PrismaClient,
  input: { email?: string; name?: string; staffRole?: StaffRole | null } = {},
) {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      email: input.email ?? `user-${suffix}@test.example`,
      name: input.name ?? `Test User ${suffix}`,
      staffRole: input.staffRole ?? null,
    },
  });
}

export type OrganizationFixture = Awaited<ReturnType<typeof createOrganization>>;

/**
 * A brand with workspaces, members and its allowed datasets. Workspace lake ids are random unless given,
 * so several test organisations never collide.
 */
export async function createOrganization(
  db: PrismaClient,
  input: {
    slug?: string;
    name?: string;
    workspaces?: { name: string; region: DemoRegion | string; lakeWorkspaceId?: string }[];
    members?: { email?: string; name?: string; role: OrgRole }[];
    datasetKeys?: string[];
    accountManagerId?: string | null;
  } = {},
) {
  const suffix = uniqueSuffix();
  const slug = input.slug ?? `brand-${suffix}`;
  const organization = await db.organization.create({
    data: { slug, name: input.name ?? `Brand ${suffix}`, accountManagerId: input.accountManagerId ?? null },
  });
  const workspaces = [];
  for (const ws of input.workspaces ?? [{ name: "Main", region: "AWS_US_EAST_1" }]) {
    workspaces.push(
      await db.workspace.create({
        data: {
          organizationId: organization.id,
          name: ws.name,
          region: ws.region,
          lakeWorkspaceId: ws.lakeWorkspaceId ?? randomBytes(12).toString("hex"),
        },
      }),
    );
  }
  const members = [];
  for (const member of input.members ?? [{ role: "OWNER" as const }]) {
    const user = await db.user.upsert({
      where: { email: member.email ?? `member-${uniqueSuffix()}@${slug}.test` },
      create: {
        email: member.email ?? `member-${uniqueSuffix()}@${slug}.test`,
        name: member.name ?? `${member.role.toLowerCase()} of ${slug}`,
      },
      update: {},
    });
    await db.membership.create({ data: { userId: user.id, organizationId: organization.id, role: member.role } });
    members.push({ ...user, role: member.role });
  }
  const datasets = await db.dataset.findMany({ where: input.datasetKeys ? { key: { in: input.datasetKeys } } : {} });
  await db.organizationDataset.createMany({
    data: datasets.map((d) => ({ organizationId: organization.id, datasetId: d.id })),
  });
  return { organization, workspaces, members, datasets };
}
