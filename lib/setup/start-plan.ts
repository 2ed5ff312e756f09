// What `npm run dev` / `npm start` do with the database before serving, decided in one pure function so
// the rule is tested rather than buried in the start script:
// - development seeds the demo world (idempotent) and may show its sign-ins;
// - production never seeds anything, and refuses to start until `npm run setup` has created an admin,
//   because a production database without one can only be fixed by hand.

export const SETUP_COMMAND = "npm run setup -- --admin-email you@your-company.com --config floe.setup.json";

export type StartPlan = {
  seedDemo: boolean;
  /** Printed instead of starting; null when the start may go on. */
  refusal: string | null;
  /** Whether to list the demo sign-ins after starting (only when the demo sign-in is actually on). */
  showDemoSignIns: boolean;
};

export function planStart(options: { production: boolean; adminCount: number; demoLoginEnabled: boolean }): StartPlan {
  if (!options.production) return { seedDemo: true, refusal: null, showDemoSignIns: options.demoLoginEnabled };
  const refusal =
    options.adminCount > 0
      ? null
      : [
          "This database has no admin yet, so there is no one who could run Floe. Set it up once with:",
          "",
          `  ${SETUP_COMMAND}`,
          "",
          "(docs/setup.example.json shows the file; README → Configuration → Production bootstrap explains it.) Then run `npm start` again.",
        ].join("\n");
  return { seedDemo: false, refusal, showDemoSignIns: options.demoLoginEnabled };
}
