// Sample cells leave lib as JSON (cached in Postgres, sent to the browser), but snowflake-sdk hands back
// Dates carrying a formatting toJSON, SfTime objects, Buffers, and, with some settings, bigints. Everything
// becomes plain JSON here. Pure.
import { toIsoTimestamp } from "@/lib/snowflake/snowflake-values";
import type { JsonValue } from "./schema-preview.schema";

const MAX_DEPTH = 32; // VARIANT values nest; a cycle or absurd depth must not hang a request

export function toJsonSafe(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (depth > MAX_DEPTH) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // NaN and ±Infinity are valid FLOAT values in Snowflake but not JSON numbers.
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value.toString();
    case "object":
      break;
    default:
      return String(value);
  }
  // The SDK's timestamp Dates override toJSON with a session-format string; ISO is unambiguous.
  if (value instanceof Date) return toIsoTimestamp(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex").toUpperCase(); // BINARY, as Snowflake prints it
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, depth + 1));
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === "function")
    return toJsonSafe((withToJson.toJSON as () => unknown).call(value), depth + 1);
  const out: Record<string, JsonValue> = {};
  for (const [key, v] of Object.entries(value)) out[key] = toJsonSafe(v, depth + 1);
  return out;
}
