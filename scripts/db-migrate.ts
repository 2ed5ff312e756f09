// npm run db:migrate — applies pending migrations to DATABASE_URL or to the embedded dev database.
// A database it cannot reach or start ends it with one sentence saying what to do (exit 1), not a stack trace.
import { logger } from "../lib/logger";
import { ensurePostgres } from "./lib/postgres";
import { migrateDeploy } from "./lib/prisma-cli";
import { orExit } from "./lib/start-error";

const log = logger.child({ component: "db-migrate" });
const db = await orExit(
  ensurePostgres("dev", (line) => log.info(line)),
  (sentence) => log.error(sentence),
);
let code = 0;
try {
  await migrateDeploy(db.url);
  log.info("Migrations applied.");
} catch (error) {
  // Prisma's own report of the migration that failed is what to read; a stack trace of this script is not.
  log.error((error as Error).message);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
