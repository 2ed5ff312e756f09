// The production bootstrap against a real PostgreSQL of its own (admin counts must be exact): `npm run
// setup` is idempotent and audited, bad input names every bad field, and a production start never seeds,
// so a role an admin revoked stays revoked however often the server restarts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useIsolatedDatabase } from "@/lib/testing/isolated-database";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadSetupConfig, SetupError } from "./load-setup-config";
import type { SetupConfig } from "./setup-config.schema";

let db: PrismaClient;
let runSetup: typeof import("./run-setup").runSetup;
let prepareStart: typeof import("./prepare-start").prepareStart;
let admin: typeof import("@/lib/console/admin-commands");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "floe-setup-"));

beforeAll(async () => {
  await useIsolatedDatabase("setup");
  // lib/db reads DATABASE_URL on first use: import after the isolated database is in place.
  db = (await import("@/lib/db")).db;
  runSetup = (await import("./run-setup")).runSetup;
  prepareStart = (await import("./prepare-start")).prepareStart;
  admin = await import("@/lib/console/admin-commands");
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await db?.$disconnect();
});

function writeConfig(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const accounts = [
  {
    region: "AWS_US_EAST_1",
    organizationName: "acmevendor",
    accountName: "LAKE_US",
    locator: "AV10001",
    hostsLake: true,
    lakeDatabase: "LAKE_US_DB",
    username: "FLOE_SVC",
    secretRef: "env:FLOE_KEY_US",
    maxConcurrency: 3,
  },
  {
    region: "aws_eu_central_1",
    organizationName: "ACMEVENDOR",
    accountName: "LAKE_EU",
    locator: "AV20001",
    hostsLake: false,
    username: "FLOE_SVC",
    secretRef: "env:FLOE_KEY_EU",
  },
];

const setupEvents = () => db.auditEvent.findMany({ where: { type: { startsWith: "setup." } }, orderBy: { id: "asc" } });

describe("production start and npm run setup", () => {
  it("refuses a production start on an empty database, says the fix, and writes nothing", async () => {
    const plan = await prepareStart(db, { production: true, demoLoginEnabled: true });
    expect(plan.seedDemo).toBe(false);
    expect(plan.refusal).toContain("npm run setup -- --admin-email");
    expect(await db.user.count()).toBe(0);
    expect(await db.organization.count()).toBe(0);
    expect(await db.providerAccount.count()).toBe(0);
  });

  it("creates the admin, the catalog and the provider accounts from the file, each change audited", async () => {
    const config = loadSetupConfig({
      configPath: writeConfig("floe.setup.json", { providerAccounts: accounts }),
      adminEmail: " Root@Vendor.Example ",
    });
    const summary = await runSetup(db, config);
    expect(summary.admin).toMatchObject({ email: "root@vendor.example", outcome: "created" });
    // The first admin's SSO link is allowed by setup itself (no other admin exists to allow it).
    expect(summary.admin.ssoLinkAllowedUntil!.getTime()).toBeGreaterThan(Date.now() + 6 * 86400_000);
    expect(summary.providerAccounts.map((a) => [a.region, a.outcome])).toEqual([
      ["AWS_US_EAST_1", "created"],
      ["AWS_EU_CENTRAL_1", "created"],
    ]);
    expect(summary.datasetsAdded).toBeGreaterThan(0);
    expect(await db.user.findUnique({ where: { email: "root@vendor.example" }, select: { staffRole: true } })).toEqual({
      staffRole: "ADMIN",
    });
    const eu = await db.providerAccount.findUniqueOrThrow({ where: { region: "AWS_EU_CENTRAL_1" } });
    expect(eu).toMatchObject({
      organizationName: "ACMEVENDOR",
      accountName: "LAKE_EU",
      authMethod: "KEY_PAIR",
      maxConcurrency: 4,
      lakeDatabase: null,
    });

    const events = await setupEvents();
    expect(events.map((e) => e.type)).toEqual([
      "setup.catalog_loaded",
      "setup.admin_created",
      "setup.provider_account_created",
      "setup.provider_account_created",
    ]);
    expect(events.every((e) => e.actorType === "SYSTEM")).toBe(true);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain("FLOE_KEY_");
  });

  it("is idempotent: the same input again changes nothing and records nothing", async () => {
    const before = await setupEvents();
    const summary = await runSetup(
      db,
      loadSetupConfig({
        configPath: writeConfig("floe.setup.json", {
          admin: { email: "root@vendor.example" },
          providerAccounts: accounts,
        }),
      }),
    );
    expect(summary).toEqual({
      admin: { email: "root@vendor.example", outcome: "unchanged", ssoLinkAllowedUntil: null },
      providerAccounts: [
        { region: "AWS_US_EAST_1", outcome: "unchanged", changed: [] },
        { region: "AWS_EU_CENTRAL_1", outcome: "unchanged", changed: [] },
      ],
      datasetsAdded: 0,
    });
    expect(await setupEvents()).toHaveLength(before.length);
  });

  it("allows the admin's SSO link again only when it ran out unused", async () => {
    const config = loadSetupConfig({ env: { FLOE_SETUP_ADMIN_EMAIL: "root@vendor.example" } });
    await db.user.update({
      where: { email: "root@vendor.example" },
      data: { ssoLinkAllowedUntil: new Date(Date.now() - 1000) },
    });
    const renewed = await runSetup(db, config);
    expect(renewed.admin.outcome).toBe("updated");
    expect((await setupEvents()).at(-1)!.type).toBe("setup.sso_link_allowed");
    expect((await runSetup(db, config)).admin.outcome).toBe("unchanged");
  });

  it("records a changed secret reference as changed, without saying where it points", async () => {
    const changed = [{ ...accounts[0], secretRef: "env:FLOE_KEY_US_ROTATED" }, accounts[1]];
    const summary = await runSetup(
      db,
      loadSetupConfig({
        env: {
          FLOE_SETUP_JSON: JSON.stringify({ admin: { email: "root@vendor.example" }, providerAccounts: changed }),
        },
      }),
    );
    expect(summary.providerAccounts[0]).toEqual({
      region: "AWS_US_EAST_1",
      outcome: "updated",
      changed: ["secretRef"],
    });
    const last = (await setupEvents()).at(-1)!;
    expect(last.type).toBe("setup.provider_account_updated");
    expect(last.details).toMatchObject({ region: "AWS_US_EAST_1", changes: { secretRef: { changed: true } } });
    expect(JSON.stringify(last.details)).not.toContain("ROTATED");
  });

  it("keeps revoked roles revoked and never seeds across production starts", async () => {
    const root = await db.user.findUniqueOrThrow({ where: { email: "root@vendor.example" } });
    const manager = await db.user.create({ data: { email: "manager@vendor.example", name: "Manager" } });
    await admin.grantAccountManager({ email: manager.email, actorId: root.id });
    await admin.revokeAccountManager({ userId: manager.id, actorId: root.id });
    const accountsBefore = await db.providerAccount.findMany({ orderBy: { region: "asc" } });

    for (let start = 0; start < 2; start++) {
      const plan = await prepareStart(db, {
        production: true,
        demoLoginEnabled: true,
        providerSecretRef: "file:/tmp/emulator.p8",
      });
      expect(plan).toEqual({ seedDemo: false, refusal: null, showDemoSignIns: true });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: manager.id } })).staffRole).toBeNull();
    expect(await db.user.findUnique({ where: { email: "ada@floe.example" } })).toBeNull();
    expect(await db.organization.count()).toBe(0);
    expect(await db.providerAccount.findMany({ orderBy: { region: "asc" } })).toEqual(accountsBefore);
  });

  it("refuses to make a brand member an admin", async () => {
    const org = await db.organization.create({ data: { slug: "setup-brand", name: "Setup Brand" } });
    const member = await db.user.create({ data: { email: "member@brand.example" } });
    await db.membership.create({ data: { userId: member.id, organizationId: org.id, role: "OWNER" } });
    const config: SetupConfig = { admin: { email: member.email }, providerAccounts: [] };
    await expect(runSetup(db, config)).rejects.toThrow(
      new SetupError("member@brand.example belongs to a brand; brand users cannot be admins. Name another address."),
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).staffRole).toBeNull();
  });
});

describe("bad setup input", () => {
  const problems = (source: Parameters<typeof loadSetupConfig>[0]) => {
    try {
      loadSetupConfig(source);
    } catch (error) {
      expect(error).toBeInstanceOf(SetupError);
      return (error as Error).message;
    }
    throw new Error("expected a SetupError");
  };

  it("lists every bad field by its path, with the rule it breaks", () => {
    const message = problems({
      configPath: writeConfig("bad.json", {
        admin: { email: "not-an-email" },
        providerAccounts: [
          {
            ...accounts[0],
            locator: "a-b",
            lakeDatabase: undefined,
            secretRef: "-----BEGIN PRIVATE KEY----- abc",
            extra: 1,
          },
          { ...accounts[1], region: "MARS_1", maxConcurrency: 100, username: undefined },
        ],
      }),
    });
    expect(message).toContain("bad.json) has problems:");
    for (const line of [
      "admin.email: must be an email address",
      'providerAccounts[0]: Unrecognized key: "extra"',
      "providerAccounts[0].locator: must be the account locator, e.g. FD10001",
      "providerAccounts[0].secretRef: Use env:VARIABLE_NAME or file:",
      'providerAccounts[1].region: "MARS_1" is not a Snowflake region id',
      "providerAccounts[1].maxConcurrency: Enter a whole number from 1 to 64.",
      "providerAccounts[1].username: is required",
    ]) {
      expect(message).toContain(line);
    }
  });

  it("says when the lake database is missing, the file is missing, or it is not JSON", () => {
    expect(
      problems({
        env: {
          FLOE_SETUP_JSON: JSON.stringify({
            admin: { email: "a@b.example" },
            providerAccounts: [{ ...accounts[0], lakeDatabase: null }],
          }),
        },
      }),
    ).toContain("providerAccounts[0].lakeDatabase: is required when hostsLake is true");
    expect(problems({ configPath: path.join(dir, "missing.json") })).toMatch(
      /Cannot read the setup file .*missing\.json: no such file/,
    );
    expect(problems({ configPath: writeConfig("broken.json", "{ admin: ") })).toMatch(/broken\.json is not valid JSON/);
    expect(problems({ configPath: writeConfig("list.json", "[]") })).toContain(
      'must hold a JSON object with "admin" and "providerAccounts"',
    );
    expect(problems({ env: {} })).toContain('admin: is required: { "email": "…" } in the file, or --admin-email');
    expect(
      problems({
        env: {
          FLOE_SETUP_JSON: JSON.stringify({
            admin: { email: "a@b.example" },
            providerAccounts: [accounts[1], accounts[1]],
          }),
        },
      }),
    ).toContain("providerAccounts[1].region: AWS_EU_CENTRAL_1 is listed twice (one provider account per region)");
  });
});
