// The production bootstrap's input (`npm run setup`): the first admin and the vendor's provider accounts.
// One schema for the JSON file and the environment; no server imports. Limits follow the database CHECK
// constraints of ProviderAccount (migration constraints_and_audit_trigger) and the admin form's rules.
import { z } from "zod";
import { providerAccountSchema } from "@/lib/console/admin.schema";
import { normaliseRegionId } from "@/lib/snowflake/regions";

// Messages name the rule, not the field: the loader prefixes each with its path (providerAccounts[0].locator).
const upper = (pattern: RegExp, rule: string) =>
  z
    .string({ error: `is required: ${rule}` })
    .trim()
    .toUpperCase()
    .regex(pattern, { error: `must be ${rule}` });

const region = z.string({ error: "is required: a Snowflake region id, e.g. AWS_US_EAST_1" }).transform((value, ctx) => {
  const id = normaliseRegionId(value);
  if (id) return id;
  ctx.addIssue({
    code: "custom",
    message: `"${value.slice(0, 64)}" is not a Snowflake region id Floe knows (e.g. AWS_US_EAST_1)`,
  });
  return z.NEVER;
});

const { username, secretRef, maxConcurrency } = providerAccountSchema.shape;

export const setupProviderAccountSchema = z
  .object({
    region,
    organizationName: upper(
      /^[A-Z][A-Z0-9]{0,63}$/,
      "your Snowflake organisation name: a letter, then letters or digits (≤ 64)",
    ),
    accountName: upper(
      /^[A-Z][A-Z0-9_]{0,254}$/,
      "the account name inside the organisation: a letter, then letters, digits or _",
    ),
    locator: upper(/^[A-Z][A-Z0-9]{1,31}$/, "the account locator, e.g. FD10001"),
    hostsLake: z.boolean({ error: "must be true (this account holds a lake) or false (it only receives replicas)" }),
    lakeDatabase: upper(/^[A-Z][A-Z0-9_]{0,254}$/, "an unquoted Snowflake database name").nullish(),
    username,
    authMethod: z.enum(["KEY_PAIR", "PASSWORD"], { error: 'must be "KEY_PAIR" or "PASSWORD"' }).default("KEY_PAIR"),
    secretRef,
    maxConcurrency: maxConcurrency.default(4),
  })
  .strict()
  .superRefine((account, ctx) => {
    if (account.hostsLake && !account.lakeDatabase)
      ctx.addIssue({ code: "custom", path: ["lakeDatabase"], message: "is required when hostsLake is true" });
  });

export const setupConfigSchema = z
  .object({
    admin: z
      .object(
        {
          // Trimmed and lower-cased first, as sign-in normalises addresses, then checked.
          email: z
            .string({ error: "is required: the first admin's email address" })
            .trim()
            .toLowerCase()
            .max(254, { error: "must be at most 254 characters" })
            .pipe(z.email({ error: "must be an email address" })),
          // PostgreSQL text cannot hold NUL; other control characters have no place in a name either.
          name: z
            .string({ error: "must be text" })
            .trim()
            .min(1, { error: "must not be empty" })
            .max(200, { error: "must be at most 200 characters" })
            .regex(/^[^\u0000-\u001f\u007f]*$/, { error: "must be plain text without control characters" })
            .optional(),
        },
        { error: 'is required: { "email": "…" } in the file, or --admin-email' },
      )
      .strict(),
    providerAccounts: z.array(setupProviderAccountSchema).max(64).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.providerAccounts.forEach((account, i) => {
      if (seen.has(account.region))
        ctx.addIssue({
          code: "custom",
          path: ["providerAccounts", i, "region"],
          message: `${account.region} is listed twice (one provider account per region)`,
        });
      seen.add(account.region);
    });
  });

export type SetupConfig = z.infer<typeof setupConfigSchema>;
export type SetupProviderAccount = z.infer<typeof setupProviderAccountSchema>;
