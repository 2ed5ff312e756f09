// npm run db:migrate — applies pending migrations to DATABASE_URL or to the embedded dev database.
import { logger } from "../lib/logger";
import { ensurePostgres } from "./lib/postgres";
import { migrateDeploy } from "./lib/prisma-cli";

const log = logger.child({ component: "db-migrate" });
const db = await ensurePostgres("dev", (line) => log.info(line));
try {
  await migrateDeploy(db.url);
  log.info("Migrations applied.");
} finally {
  await db.stop();
}
