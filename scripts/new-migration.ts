// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the change between the schema as of the
// last migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma.
// Why not `prisma migrate dev`: it needs Prisma's native schema engine, which cannot be downloaded here;
// the WASM engine can diff two schema files but cannot introspect a database (see TOOLCHAIN notes in README).
import fs from "node:fs";
import path from "node:path";
import { ensurePostgres } from "./lib/postgres";
import { orExit } from "./lib/start-error";
import { runPrisma } from "./lib/prisma-cli";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name>   (lower case letters, digits and _; e.g. add_share_notes)");
  process.exit(2);
}

const migrationsDir = path.resolve("prisma/migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const schema = path.resolve("prisma/schema.prisma");

const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
// The WASM engine reaches Postgres through the driver adapter even for a file-to-file diff.
const db = await orExit(ensurePostgres("dev"));
let sql: string;
try {
  sql = await runPrisma(["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], db.url, {
    quiet: true,
  });
} finally {
  await db.stop();
}

if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("The schema has not changed since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
fs.copyFileSync(schema, snapshot);
if (!fs.existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then run npm run db:migrate.`);
