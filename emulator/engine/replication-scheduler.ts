// REPLICATION_SCHEDULE values: which secondary groups refresh by themselves and how often. The clock-driven
// scheduler (scheduler.ts) runs them: every n minutes × scale for '<n> MINUTE[S]'; 'USING CRON …' schedules are
// recorded, not run.
import type { Catalog, ReplicationGroup } from "./catalog";

/** Milliseconds between refreshes for a schedule text, or null when the emulator does not run it. */
export function scheduleMillis(schedule: string | null, scale: number): number | null {
  const m = schedule ? /^\s*(\d+)\s*MINUTES?\s*$/i.exec(schedule) : null;
  if (!m || Number(m[1]) < 1) return null;
  return Math.max(1, Math.round(Number(m[1]) * 60_000 * scale));
}

/** The schedule a secondary follows: its primary's current one (set there), else the copy it was created with. */
export function effectiveSchedule(catalog: Catalog, group: ReplicationGroup): string | null {
  const primary = group.primary
    ? catalog.accounts[group.primary.locator]?.replicationGroups[group.primary.group]
    : undefined;
  return primary?.schedule ?? group.schedule;
}
