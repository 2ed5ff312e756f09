// npm run db:migrate — applies pending migrations to DATABASE_URL or to the embedded dev database.
import { ensurePostgres } from "./lib/postgres";
import { migrateDeploy } from "./lib/prisma-cli";

const db = await ensurePostgres("dev");
try {
  await migrateDeploy(db.url);
  console.log("Migrations applied.");
} finally {
  await db.stop();
}
