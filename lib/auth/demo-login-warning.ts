import type { Config } from "@/lib/config";
import { logger } from "@/lib/logger";

// On globalThis, not in a module variable: Next loads this module once per bundle (instrumentation, each
// route), and "once" means once per server process.
const flag = Symbol.for("floe.demoLoginWarned");
const state = globalThis as { [flag]?: boolean };

/**
 * The demo sign-in lets anyone become any user. It is on by default in development and tests; in
 * production it takes FLOE_DEMO_LOGIN=1, and then every operator reading the logs should notice.
 * Called at server start (instrumentation.ts) and again when auth options are built; logs once.
 */
export function warnIfDemoLoginInProduction(config: Pick<Config, "NODE_ENV" | "demoLoginEnabled">): void {
  if (state[flag] || config.NODE_ENV !== "production" || !config.demoLoginEnabled) return;
  state[flag] = true;
  logger.warn(
    { component: "auth", demoLogin: true },
    "WARNING: FLOE_DEMO_LOGIN=1 in production: anyone can sign in as any existing user. Unset FLOE_DEMO_LOGIN unless this is a throwaway demo deployment.",
  );
}
