// The database half of `npm run dev` / `npm start`, after migrations: count admins, apply planStart, and
// seed the demo world only when the plan says so (development). No "server-only": the start script
// imports it. Takes its own Prisma client so the script controls the connection.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoWorld } from "@/prisma/seed/demo-world";
import { planStart, type StartPlan } from "./start-plan";

export async function prepareStart(
  db: PrismaClient,
  options: { production: boolean; demoLoginEnabled: boolean; providerSecretRef?: string },
): Promise<StartPlan> {
  const adminCount = await db.user.count({ where: { staffRole: "ADMIN" } });
  const plan = planStart({ production: options.production, adminCount, demoLoginEnabled: options.demoLoginEnabled });
  if (plan.seedDemo) await seedDemoWorld(db, { providerSecretRef: options.providerSecretRef });
  return plan;
}
