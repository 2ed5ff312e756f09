// Where `npm run setup` gets its input: a JSON file (--config or FLOE_SETUP_CONFIG), the same JSON in
// FLOE_SETUP_JSON (for deployments that pass settings as environment only), and the admin's email from
// --admin-email or FLOE_SETUP_ADMIN_EMAIL, which wins over the file. Every problem becomes a SetupError
// listing each bad field by its path, so an operator fixes the file in one pass.
import fs from "node:fs";
import type { z } from "zod";
import { setupConfigSchema, type SetupConfig } from "./setup-config.schema";

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
  }
}

export type SetupSource = { configPath?: string; adminEmail?: string; env?: Record<string, string | undefined> };

/** `providerAccounts[1].locator: must be …`, one line per issue. */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
        "",
      );
      // zod's wording for a missing key ("expected string, received undefined") reads as a type puzzle.
      const message =
        issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "is required" : issue.message;
      return `  - ${path || "(file)"}: ${message}`;
    })
    .join("\n");
}

function readJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SetupError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
}

export function loadSetupConfig(source: SetupSource): SetupConfig {
  const env = source.env ?? {};
  const configPath = source.configPath ?? env.FLOE_SETUP_CONFIG;
  let raw: unknown = {};
  let where = "the setup input";
  if (configPath) {
    where = configPath;
    let text: string;
    try {
      text = fs.readFileSync(configPath, "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new SetupError(
        `Cannot read the setup file ${configPath}${code === "ENOENT" ? ": no such file" : ` (${code ?? "unreadable"})`}. Copy docs/setup.example.json and edit it.`,
      );
    }
    raw = readJson(text, configPath);
  } else if (env.FLOE_SETUP_JSON) {
    where = "FLOE_SETUP_JSON";
    raw = readJson(env.FLOE_SETUP_JSON, where);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new SetupError(`${where} must hold a JSON object with "admin" and "providerAccounts".`);
  const adminEmail = source.adminEmail ?? env.FLOE_SETUP_ADMIN_EMAIL;
  const input = adminEmail
    ? { ...raw, admin: { ...((raw as { admin?: object }).admin ?? {}), email: adminEmail } }
    : raw;
  const result = setupConfigSchema.safeParse(input);
  if (!result.success)
    throw new SetupError(`The setup input (${where}) has problems:\n${describeIssues(result.error.issues)}`);
  return result.data;
}
