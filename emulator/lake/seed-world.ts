// The demo world of prisma/seed/demo-tenants.ts: the vendor's provider accounts (with their lakes) and each
// brand's consumer account, with the users the portal and the tests log in as.
import { brands, providerAccounts, vendorOrganization } from "../../prisma/seed/demo-tenants";
import type { Catalog } from "../engine/catalog";
import { addAccount, addUser } from "../engine/commands/account";
import type { DuckStore } from "../engine/duck";
import type { Bind, SessionContext, StatementResult } from "../engine/types";
import { seedLake } from "./seed-lake";

export type SeedPasswords = { admin?: string; provisioner?: string; analyst?: string };

export type SeedInput = {
  catalog: Catalog;
  store: DuckStore;
  execute: (session: SessionContext, sql: string, binds: Bind[] | undefined) => Promise<StatementResult[]>;
  passwords: SeedPasswords;
  provisionerPublicKeyPem?: string;
  rowScale: number;
};

export async function seedWorld(input: SeedInput) {
  const { catalog, passwords } = input;
  const fallback = "emulator";
  for (const p of providerAccounts) {
    const a = addAccount(catalog, {
      locator: p.locator,
      organization: vendorOrganization,
      name: p.name,
      region: p.region,
      email: "data-platform@floe.example",
    });
    addUser(
      a,
      "ADMIN",
      passwords.admin ?? fallback,
      p.name === "LAKE_US" ? ["ACCOUNTADMIN", "ORGADMIN"] : ["ACCOUNTADMIN"],
      "ACCOUNTADMIN",
    );
    const prov = addUser(a, "FLOE_PROVISIONER", passwords.provisioner ?? fallback, ["ACCOUNTADMIN"], "ACCOUNTADMIN");
    if (input.provisionerPublicKeyPem) prov.rsaPublicKey = input.provisionerPublicKeyPem;
    addUser(a, "ANALYST", passwords.analyst ?? fallback, [], "PUBLIC");
  }
  for (const b of brands) {
    const c = b.consumerAccount;
    const a = addAccount(catalog, {
      locator: c.locator,
      organization: c.organization,
      name: c.name,
      region: c.region,
      email: b.owners[0]?.email ?? null,
    });
    addUser(a, "ADMIN", passwords.admin ?? fallback, ["ACCOUNTADMIN"], "ACCOUNTADMIN");
  }
  for (const p of providerAccounts) {
    if (!p.hostsLake || !p.lakeDatabase) continue;
    const workspaces = brands
      .flatMap((b) => b.workspaces)
      .filter((w) => w.region === p.region)
      .map((w) => w.lakeWorkspaceId);
    const session: SessionContext = {
      accountLocator: p.locator,
      user: "ADMIN",
      role: "ACCOUNTADMIN",
      database: null,
      schema: null,
      warehouse: null,
    };
    await seedLake({ ...input, session, database: p.lakeDatabase, region: p.region, workspaces });
  }
}
