// npm run setup — the production bootstrap, run once before the first `npm start` (and again whenever the
// provider accounts change; it is idempotent and audited). Usage:
//   npm run setup -- --admin-email you@your-company.com --config floe.setup.json
// or with FLOE_SETUP_ADMIN_EMAIL and FLOE_SETUP_CONFIG (a path) or FLOE_SETUP_JSON (the file's content).
// Uses DATABASE_URL, or the embedded PostgreSQL of `npm start` in .data/postgres. Never seeds demo data.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { logger } from "../lib/logger";
import { loadSetupConfig, SetupError } from "../lib/setup/load-setup-config";
import { runSetup } from "../lib/setup/run-setup";
import { ensurePostgres, redact } from "./lib/postgres";
import { orExit } from "./lib/start-error";
import { migrateDeploy } from "./lib/prisma-cli";

// Structured lines through the process's one logger (component "setup"); the database URL's password is masked by it.
const log = logger.child({ component: "setup" });
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) fail(`${name} needs a value.`);
  return value;
};
const known = new Set(["--admin-email", "--config"]);
const unknown = args.filter((a, i) => a.startsWith("--") && !known.has(a) && !known.has(args[i - 1] ?? ""));
if (args.includes("--help") || unknown.length > 0)
  fail(
    `Usage: npm run setup -- --admin-email you@your-company.com --config floe.setup.json${unknown.length ? `\n(unknown option ${unknown[0]})` : ""}`,
  );

function fail(message: string): never {
  log.error(message);
  process.exit(2);
}

let config;
try {
  config = loadSetupConfig({ adminEmail: option("--admin-email"), configPath: option("--config"), env: process.env });
} catch (error) {
  fail(error instanceof SetupError ? error.message : String(error));
}

const postgres = await orExit(
  ensurePostgres("dev", (line) => log.info(line)),
  (sentence) => log.error(sentence),
);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: postgres.url }) });
let code = 0;
try {
  log.info(`Database: ${redact(postgres.url)}`);
  await migrateDeploy(postgres.url);
  const summary = await runSetup(db, config);
  log.info(`Admin ${summary.admin.email}: ${summary.admin.outcome}`);
  if (summary.admin.ssoLinkAllowedUntil)
    log.info(
      `their first SSO sign-in may link their identity until ${summary.admin.ssoLinkAllowedUntil.toISOString()}`,
    );
  for (const account of summary.providerAccounts)
    log.info(
      `Provider account ${account.region}: ${account.outcome}${account.changed.length ? ` (${account.changed.join(", ")})` : ""}`,
    );
  if (summary.datasetsAdded) log.info(`Catalog: ${summary.datasetsAdded} dataset(s) added`);
  log.info("Done. Start Floe with `npm start`; the admin signs in by SSO or magic link.");
} catch (error) {
  log.error({ err: error }, error instanceof SetupError ? error.message : String(error));
  code = 1;
} finally {
  await db.$disconnect();
  await postgres.stop();
}
process.exit(code);
