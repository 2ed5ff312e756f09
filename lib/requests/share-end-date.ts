import { invalidInputError } from "@/lib/errors";

// A share's optional end date: a calendar day (YYYY-MM-DD), the share ending at 00:00 UTC that day. It must
// be in the future (tomorrow at the earliest) and within the configured maximum (FLOE_SHARE_MAX_DAYS).
// The check runs on the server with the app clock, at request, at approval and at renewal.

const DAY_MS = 86_400_000;

/** The instant a YYYY-MM-DD end date means, or null when it is not a real calendar date. */
export function endDateInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

/** The end date as an instant, or an INVALID_INPUT error on `field` naming what is wrong. */
export function parseShareEndDate(value: string, options: { now: Date; maxDays: number; field?: string }): Date {
  const field = options.field ?? "endsAt";
  const fail = (message: string) =>
    invalidInputError(message, { reason: "invalid_end_date", fieldErrors: { [field]: [message] } });
  const date = endDateInstant(value);
  if (!date) throw fail("Enter the end date as YYYY-MM-DD.");
  if (date.getTime() <= options.now.getTime()) throw fail("The end date must be in the future.");
  const latest = new Date(options.now.getTime() + options.maxDays * DAY_MS);
  if (date.getTime() > latest.getTime())
    throw fail(`The end date can be at most ${options.maxDays} days ahead (${latest.toISOString().slice(0, 10)}).`);
  return date;
}
