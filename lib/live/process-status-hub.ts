import "server-only";
import { getConfig } from "@/lib/config";
import { createStatusHub, type StatusHub } from "./status-notifications";

// The one listening connection of this web process (see status-notifications.ts), opened on the first
// stream. Parked on globalThis like the Prisma client, so the dev server's module reloads reuse it.
const globalForHub = globalThis as unknown as { floeStatusHub?: StatusHub };

export function processStatusHub(): StatusHub {
  globalForHub.floeStatusHub ??= createStatusHub({ connectionString: getConfig().DATABASE_URL });
  return globalForHub.floeStatusHub;
}
