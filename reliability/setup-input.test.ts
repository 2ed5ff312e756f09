// `npm run setup`'s input under the hostile corpus: every field of the setup file (the first admin and a
// provider account) gets every hostile string and wrong type, as JSON would carry it. Each value must be
// refused with a message naming that field's path, or accepted only as a value the database's CHECK
// constraints also accept (so a bad file can never get as far as a database error).
import { describe, expect, it } from "vitest";
import { loadSetupConfig, SetupError } from "@/lib/setup/load-setup-config";
import { hostileCorpus } from "./support/hostile-corpus";
import { writeResult } from "./support/results";

const validAccount = {
  region: "AWS_US_EAST_1",
  organizationName: "FLOEDATA",
  accountName: "LAKE_US",
  locator: "FD10001",
  hostsLake: true,
  lakeDatabase: "LAKE_DB",
  username: "FLOE_SVC",
  authMethod: "KEY_PAIR",
  secretRef: "env:FLOE_KEY",
  maxConcurrency: 4,
};
const valid = { admin: { email: "ops@vendor.example", name: "Ops" }, providerAccounts: [validAccount] };

// The ProviderAccount CHECK constraints (migration constraints_and_audit_trigger) and column rules.
const databaseAccepts: Record<string, (v: unknown) => boolean> = {
  "admin.email": (v) => typeof v === "string" && v.length <= 254 && !/[\u0000-\u001f]/.test(v),
  "admin.name": (v) => typeof v === "string" && !/\u0000/.test(v),
  "providerAccounts[0].region": (v) => typeof v === "string" && /^[A-Z][A-Z0-9_]{2,63}$/.test(v),
  "providerAccounts[0].organizationName": (v) => typeof v === "string" && /^[A-Z][A-Z0-9]{0,63}$/.test(v),
  "providerAccounts[0].accountName": (v) => typeof v === "string" && /^[A-Z][A-Z0-9_]{0,254}$/.test(v),
  "providerAccounts[0].locator": (v) => typeof v === "string" && /^[A-Z][A-Z0-9]{1,31}$/.test(v),
  "providerAccounts[0].hostsLake": (v) => typeof v === "boolean",
  "providerAccounts[0].lakeDatabase": (v) => typeof v === "string" && /^[A-Z][A-Z0-9_]{0,254}$/.test(v),
  "providerAccounts[0].username": (v) => typeof v === "string" && !/\u0000/.test(v),
  "providerAccounts[0].authMethod": (v) => v === "KEY_PAIR" || v === "PASSWORD",
  "providerAccounts[0].secretRef": (v) => typeof v === "string" && /^(env|file):.+$/.test(v) && !/\u0000/.test(v),
  "providerAccounts[0].maxConcurrency": (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 64,
};

function withField(path: string, value: unknown) {
  const config = structuredClone(valid) as {
    admin: Record<string, unknown>;
    providerAccounts: Record<string, unknown>[];
  };
  const [, section, key] = /^(admin|providerAccounts\[0\])\.(\w+)$/.exec(path)!;
  (section === "admin" ? config.admin : config.providerAccounts[0])[key] = value;
  return config;
}

describe("setup input under the hostile corpus", () => {
  it("refuses each hostile value by its field's path, or accepts only what the database accepts", () => {
    const wrong: string[] = [];
    let refused = 0;
    let accepted = 0;
    for (const path of Object.keys(databaseAccepts)) {
      for (const c of hostileCorpus) {
        const json = JSON.stringify(withField(path, c.value));
        try {
          const config = loadSetupConfig({ env: { FLOE_SETUP_JSON: json } });
          const key = path.split(".").pop()!;
          const stored = path.startsWith("admin.")
            ? (config.admin as Record<string, unknown>)[key]
            : (config.providerAccounts[0] as Record<string, unknown>)[key];
          if (databaseAccepts[path](stored)) accepted += 1;
          else wrong.push(`${path} accepted ${c.label}: ${JSON.stringify(stored)?.slice(0, 60)}`);
        } catch (error) {
          if (error instanceof SetupError && error.message.includes(`${path}:`)) refused += 1;
          else wrong.push(`${path} ${c.label}: ${(error as Error).message.slice(0, 120)}`);
        }
      }
    }
    writeResult("setup-input", {
      fields: Object.keys(databaseAccepts).length,
      corpus: hostileCorpus.length,
      calls: refused + accepted + wrong.length,
      refused,
      accepted,
      wrong: wrong.length,
    });
    expect(wrong).toEqual([]);
  });
});
