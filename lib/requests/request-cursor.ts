import { invalidInputError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// Keyset pagination over (createdAt, id): stable while new requests arrive, unlike OFFSET. The cursor is
// opaque to callers (base64url JSON of the last row's keys).

export type RequestOrder = "newest" | "oldest";

export function encodeRequestCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

/** The `where` that starts after the cursor row in the given order. */
export function afterCursor(cursor: string | null | undefined, order: RequestOrder): Prisma.ShareRequestWhereInput {
  if (!cursor) return {};
  let createdAt: Date;
  let id: string;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || typeof parsed[0] !== "string" || typeof parsed[1] !== "string") throw new Error("shape");
    createdAt = new Date(parsed[0]);
    id = parsed[1];
    if (Number.isNaN(createdAt.getTime())) throw new Error("date");
  } catch {
    throw invalidInputError("The page cursor is not valid.", { reason: "invalid_cursor" });
  }
  const op = order === "newest" ? "lt" : "gt";
  return { OR: [{ createdAt: { [op]: createdAt } }, { createdAt, id: { [op]: id } }] };
}

export function requestOrderBy(order: RequestOrder): Prisma.ShareRequestOrderByWithRelationInput[] {
  const direction = order === "newest" ? "desc" : "asc";
  return [{ createdAt: direction }, { id: direction }];
}

export function pageSize(limit: number | undefined, fallback = 25): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInputError("Page size must be between 1 and 100.");
  return limit;
}
