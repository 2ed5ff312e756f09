// Encodes one engine cell (a JS value) as the string snowflake-sdk expects in a JSON rowset
// (PROTOCOL.md "Cells"). The SDK parses these per column type, so the format must be exact:
// a wrong timestamp layout does not fail loudly, it silently shifts the value.
import type { CellValue, WireType } from "../engine/types";

/** Uint8Array is accepted for binary although CellValue does not name it (DuckDB hands out BLOBs so). */
type Cell = CellValue | Uint8Array;

const NANOS_PER_MS = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;

/** Exact decimal text of nanoseconds as seconds ("-1.500000000", not "-2.500000000"). */
function nanosToSecondsText(nanos: bigint): string {
  const sign = nanos < 0n ? "-" : "";
  const abs = nanos < 0n ? -nanos : nanos;
  return `${sign}${abs / NANOS_PER_SECOND}.${(abs % NANOS_PER_SECOND).toString().padStart(9, "0")}`;
}

/** Engines hand us Date, epoch milliseconds, or text such as "2024-01-02 03:04:05.123" (read as UTC unless it has an offset). */
function toDate(value: Cell): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  if (typeof value === "bigint") return new Date(Number(value));
  const text = String(value).trim();
  const iso = (text.includes("T") ? text : text.replace(" ", "T"))
    // "… -05:00" / "…-0500" → "…-05:00", the offset form Date parses
    .replace(/\s*([+-])(\d\d):?(\d\d)$/, "$1$2:$3");
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(iso);
  const date = new Date(hasZone || !iso.includes("T") ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`cannot read ${JSON.stringify(text)} as a date/time`);
  return date;
}

/** The offset in minutes of an IANA zone at an instant (UTC for an unknown zone). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  if (zone === "UTC") return 0;
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at);
    const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /GMT([+-])(\d\d):?(\d\d)?/.exec(name);
    if (!m) return 0;
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === "-" ? -minutes : minutes;
  } catch {
    return 0;
  }
}

/**
 * Offset in minutes written in a timestamp_tz text value; a value without one (a Date carries none) takes the
 * session zone's offset at that instant, as Snowflake gives TIMESTAMP_TZ values made in the session.
 */
function offsetMinutesOf(value: Cell, zone: string): number {
  const fallback = () => zoneOffsetMinutes(zone, toDate(value));
  if (typeof value !== "string") return fallback();
  const match = /([+-])(\d\d):?(\d\d)$/.exec(value.trim());
  if (!match || !/[T ]\d/.test(value)) return fallback();
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function fixedText(value: Cell, scale: number): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "bigint") return scale > 0 ? `${value}.${"0".repeat(scale)}` : value.toString();
  if (typeof value === "number")
    return scale > 0 ? value.toFixed(scale) : Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value);
}

function realText(value: Cell): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  }
  return String(value);
}

function timeText(value: Cell): string {
  if (typeof value === "string" && /^\d{1,2}:\d\d(:\d\d(\.\d+)?)?$/.test(value.trim())) {
    const [h, m, s = "0"] = value.trim().split(":");
    const [whole, frac = ""] = s.split(".");
    const nanos =
      (BigInt(h) * 3600n + BigInt(m) * 60n + BigInt(whole)) * NANOS_PER_SECOND +
      BigInt(frac.padEnd(9, "0").slice(0, 9) || "0");
    return nanosToSecondsText(nanos);
  }
  const date = toDate(value);
  const msOfDay = ((date.getTime() % 86_400_000) + 86_400_000) % 86_400_000;
  return nanosToSecondsText(BigInt(msOfDay) * NANOS_PER_MS);
}

function jsonText(value: Cell): string {
  // A string is taken as JSON text already when it parses (engines often keep variants serialized);
  // otherwise it is a JSON string value.
  if (typeof value === "string") {
    try {
      JSON.parse(value);
      return value;
    } catch {
      return JSON.stringify(value);
    }
  }
  // Real Snowflake pretty-prints semi-structured values with two spaces.
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

function binaryText(value: Cell): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex").toUpperCase();
  const text = String(value);
  return /^([0-9a-fA-F]{2})*$/.test(text)
    ? text.toUpperCase()
    : Buffer.from(text, "utf8").toString("hex").toUpperCase();
}

export function encodeCell(value: Cell | undefined, type: WireType, scale: number, zone = "UTC"): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "fixed":
      return fixedText(value, scale);
    case "real":
      return realText(value);
    case "boolean":
      if (typeof value === "string") return /^(true|1|t|yes|y|on)$/i.test(value.trim()) ? "1" : "0";
      return value ? "1" : "0";
    case "date": {
      const ms = toDate(typeof value === "string" ? value.trim().slice(0, 10) : value).getTime();
      return String(Math.floor(ms / 86_400_000));
    }
    case "time":
      return timeText(value);
    case "timestamp_ltz":
    case "timestamp_ntz":
      return nanosToSecondsText(BigInt(toDate(value).getTime()) * NANOS_PER_MS);
    case "timestamp_tz":
      return `${nanosToSecondsText(BigInt(toDate(value).getTime()) * NANOS_PER_MS)} ${offsetMinutesOf(value, zone) + 1440}`;
    case "variant":
    case "object":
    case "array":
      return jsonText(value);
    case "binary":
      return binaryText(value);
    case "text":
    default:
      if (value instanceof Date) return value.toISOString();
      if (typeof value === "object") return JSON.stringify(value);
      if (typeof value === "boolean") return value ? "true" : "false";
      return String(value);
  }
}
