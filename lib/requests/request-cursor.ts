import { z } from "zod";
import { invalidInputError } from "@/lib/errors";
import { ID_MAX_LENGTH, TIMESTAMP_RANGE } from "@/lib/limits";
import type { Prisma } from "@/lib/generated/prisma/client";

// Keyset pagination over (createdAt, id): stable while new requests arrive, unlike OFFSET. The cursor is
// opaque to callers (base64url JSON of the last row's keys).

export type RequestOrder = "newest" | "oldest";

export function encodeRequestCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

// What a cursor must decode to: a date PostgreSQL can compare (a valid JS date may still be out of its range,
// e.g. year -271821) and an id of bounded length without NUL (a PostgreSQL text value cannot hold one).
const cursorSchema = z.tuple([
  z.iso
    .datetime()
    .transform((s) => new Date(s))
    .refine((d) => d.getTime() >= TIMESTAMP_RANGE.min && d.getTime() <= TIMESTAMP_RANGE.max),
  z
    .string()
    .min(1)
    .max(ID_MAX_LENGTH)
    .refine((id) => !id.includes("\u0000")),
]);

/** The cursor's keys, or null when it is not one encodeRequestCursor wrote (hand-edited, truncated, out of range). */
export function decodeRequestCursor(cursor: string): { createdAt: Date; id: string } | null {
  if (cursor.length > 400) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? { createdAt: parsed.data[0], id: parsed.data[1] } : null;
}

/** The `where` that starts after the cursor row in the given order. */
export function afterCursor(cursor: string | null | undefined, order: RequestOrder): Prisma.ShareRequestWhereInput {
  if (!cursor) return {};
  const decoded = decodeRequestCursor(cursor);
  if (!decoded) throw invalidInputError("The page cursor is not valid.", { reason: "invalid_cursor" });
  const { createdAt, id } = decoded;
  const op = order === "newest" ? "lt" : "gt";
  return { OR: [{ createdAt: { [op]: createdAt } }, { createdAt, id: { [op]: id } }] };
}

export function requestOrderBy(order: RequestOrder): Prisma.ShareRequestOrderByWithRelationInput[] {
  const direction = order === "newest" ? "desc" : "asc";
  return [{ createdAt: direction }, { id: direction }];
}

export function pageSize(limit: number | undefined, fallback = 25): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidInputError("Page size must be between 1 and 100.");
  return limit;
}
