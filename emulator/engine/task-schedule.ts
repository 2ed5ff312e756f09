// Task SCHEDULE values (https://docs.snowflake.com/en/sql-reference/sql/create-task): '<n> SECONDS | MINUTES |
// HOURS' intervals and 'USING CRON <min> <hour> <day of month> <month> <day of week> <time zone>'. The cron
// fields take numbers, '*', ranges 'a-b', steps '*/n' and 'a-b/n', lists 'a,b' and month/day names; 'L', 'W'
// and '#' are not modelled (refused). Day of month and day of week combine as in cron: when both are
// restricted, either may match.
import { errors } from "./errors";

export type Schedule = { kind: "interval"; ms: number } | { kind: "cron"; fields: number[][]; tz: string };

const UNITS: Record<string, number> = { SECOND: 1_000, MINUTE: 60_000, HOUR: 3_600_000 };
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];
const MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(" ");
const DAYS = "SUN MON TUE WED THU FRI SAT".split(" ");

export function parseSchedule(text: string): Schedule {
  const interval = /^\s*(\d+)\s*(SECOND|MINUTE|HOUR)S?\s*$/i.exec(text);
  if (interval) {
    const ms = Number(interval[1]) * UNITS[interval[2].toUpperCase()];
    // CREATE TASK: at most 11520 minutes (8 days).
    if (ms < 1_000 || ms > 11_520 * 60_000)
      throw errors.invalid(
        `Invalid value '${text}' for SCHEDULE: the interval must be between 1 second and 11520 minutes.`,
      );
    return { kind: "interval", ms };
  }
  const cron = /^\s*USING\s+CRON\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/i.exec(text);
  if (!cron)
    throw errors.invalid(
      `Invalid value '${text}' for SCHEDULE: expected '<n> MINUTE' or 'USING CRON <expr> <time zone>'.`,
    );
  const tz = cron[6];
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    throw errors.invalid(`Invalid time zone '${tz}' in SCHEDULE.`);
  }
  const fields = cron.slice(1, 6).map((f, k) => parseField(f, k, text));
  return { kind: "cron", fields, tz };
}

function parseField(field: string, k: number, text: string): number[] {
  const [lo, hi] = RANGES[k];
  const names = k === 3 ? MONTHS : k === 4 ? DAYS : null;
  const value = (v: string) => {
    const named = names?.indexOf(v.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + (k === 3 ? 1 : 0) : /^\d+$/.test(v) ? Number(v) : NaN;
    const day = k === 4 && n === 7 ? 0 : n; // 7 is Sunday too
    if (!Number.isInteger(day) || day < lo || day > hi)
      throw errors.invalid(`Invalid cron expression in SCHEDULE '${text}': '${field}'.`);
    return day;
  };
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw errors.unsupported(`Cron field '${field}' in SCHEDULE`);
    const step = m[2] ? Number(m[2]) : 1;
    if (step < 1) throw errors.invalid(`Invalid cron expression in SCHEDULE '${text}': '${field}'.`);
    const [a, b] =
      m[1] === "*"
        ? [lo, hi]
        : m[1].includes("-")
          ? m[1].split("-").map(value)
          : [value(m[1]), m[2] ? hi : value(m[1])];
    for (let v = a; v <= b; v += step) out.add(v);
  }
  return [...out].sort((x, y) => x - y);
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a time zone: [minute, hour, day of month, month, day of week]. */
function wallFields(ms: number, tz: string): number[] {
  let f = partsFormat.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      minute: "numeric",
      hour: "numeric",
      day: "numeric",
      month: "numeric",
      weekday: "short",
    });
    partsFormat.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return [
    Number(p.minute),
    Number(p.hour),
    Number(p.day),
    Number(p.month),
    DAYS.indexOf(String(p.weekday).toUpperCase()),
  ];
}

function cronMatches(s: Extract<Schedule, { kind: "cron" }>, ms: number): boolean {
  const w = wallFields(ms, s.tz);
  const [min, hour, dom, month, dow] = s.fields;
  if (!min.includes(w[0]) || !hour.includes(w[1]) || !month.includes(w[3])) return false;
  const domAll = dom.length === 31;
  const dowAll = dow.length === 7;
  if (domAll || dowAll) return dom.includes(w[2]) && dow.includes(w[4]);
  return dom.includes(w[2]) || dow.includes(w[4]);
}

/** The first run strictly after `afterMs`: interval slots count from `anchorMs`; cron at whole minutes. */
export function nextRun(s: Schedule, afterMs: number, anchorMs = afterMs): number {
  if (s.kind === "interval") {
    const slots = Math.floor((afterMs - anchorMs) / s.ms) + 1;
    return anchorMs + Math.max(1, slots) * s.ms;
  }
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  // Minute steps, skipping whole hours whose hour (or day) cannot match: at most a few thousand checks a year.
  for (let guard = 0; guard < 600_000; guard++) {
    if (cronMatches(s, t)) return t;
    const w = wallFields(t, s.tz);
    const hourOk = s.fields[1].includes(w[1]);
    t += hourOk ? 60_000 : (60 - w[0]) * 60_000;
  }
  throw errors.invalid("The cron SCHEDULE never fires.");
}
