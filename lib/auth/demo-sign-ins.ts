import "server-only";
import { getConfig } from "@/lib/config";
import { demoSignIns } from "@/prisma/seed/demo-world";

/** The seeded people the demo sign-in offers, or nothing when the demo sign-in is off. */
export function listDemoSignIns(): { email: string; name: string; what: string }[] {
  return getConfig().demoLoginEnabled ? demoSignIns() : [];
}
