import "server-only";
// The portal's CSV upload of an erasure request (app/api/orgs/[orgSlug]/erasures/upload/route.ts): the file's
// bytes → parsed (parse-erasure-csv.ts), de-duplicated and hashed → filed as one request. The caller has
// authorised the user (an owner of the organisation) and passes the organisation from the membership.
//
// Bad rows never file half a list silently: with any, nothing is filed and the answer lists them by line
// (422); the brand then fixes the file, or uploads it again with `skipInvalid` to file the valid rows alone
// (the answer says how many were left out). Idempotent: the key is the hash of the workspace scope and the
// sorted subject hashes, so the same file twice — or the same identifiers in another order — is one request.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ERASURE_CSV_MAX_REPORTED_ERRORS, ID_MAX_LENGTH } from "@/lib/limits";
import { fileErasureRequest } from "./erasure-queue";
import { parseErasureCsv } from "./parse-erasure-csv";
import type { HashedSubject } from "./subject-identifiers";

export const csvUploadQuerySchema = z.object({
  workspaceId: z.string().min(1).max(ID_MAX_LENGTH).optional(),
  skipInvalid: z.enum(["0", "1"]).optional(),
});

export type CsvRowError = { line: number; message: string };

/** What the upload answers: the request filed (or found again), or the rows to fix. */
export type CsvUploadAnswer =
  | {
      filed: true;
      id: string;
      created: boolean;
      rows: number;
      requested: number;
      duplicates: number;
      skippedRows: number;
    }
  | {
      filed: false;
      rows: number;
      valid: number;
      duplicates: number;
      invalidRows: number;
      /** The first ERASURE_CSV_MAX_REPORTED_ERRORS bad rows, by line. */
      errors: CsvRowError[];
    };

/** Same scope and same set of subjects → same key (stored as the request's idempotency key; 68 characters). */
export function csvIdempotencyKey(workspaceId: string | null, subjects: readonly HashedSubject[]): string {
  const digest = createHash("sha256").update(`workspace:${workspaceId ?? "*"}\n`);
  for (const s of subjects.map((x) => `${x.kind}:${x.hash}`).sort()) digest.update(`${s}\n`);
  return `csv:${digest.digest("hex")}`;
}

function decodeUtf8(bytes: Uint8Array | null): string {
  if (!bytes || bytes.byteLength === 0)
    throw new AppError("INVALID_INPUT", "The file is empty: give one identifier per row.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("INVALID_INPUT", "The file is not UTF-8 text: save it as CSV (UTF-8) and upload it again.");
  }
}

export async function uploadErasureCsv(input: {
  organizationId: string;
  requestedById: string;
  /** Staff filing on the brand's behalf (console), recorded as such. */
  filedByStaffId?: string | null;
  bytes: Uint8Array | null;
  workspaceId: string | null;
  skipInvalid: boolean;
}): Promise<CsvUploadAnswer> {
  const parsed = parseErasureCsv(decodeUtf8(input.bytes));
  if (parsed.fileError) throw new AppError("INVALID_INPUT", parsed.fileError, { reason: "file" });
  const errors = parsed.errors.map((e) => ({ line: e.row, message: e.message }));
  if (errors.length > 0 && !input.skipInvalid)
    return {
      filed: false,
      rows: parsed.rows,
      valid: parsed.subjects.length,
      duplicates: parsed.duplicates,
      invalidRows: errors.length,
      errors: errors.slice(0, ERASURE_CSV_MAX_REPORTED_ERRORS),
    };
  if (parsed.subjects.length === 0)
    throw new AppError("INVALID_INPUT", "No row of the file holds a valid identifier: nothing to file.", {
      reason: "file",
    });
  const filed = await fileErasureRequest({
    organizationId: input.organizationId,
    workspaceId: input.workspaceId,
    requestedById: input.filedByStaffId ? null : input.requestedById,
    filedByStaffId: input.filedByStaffId ?? null,
    source: input.filedByStaffId ? "CONSOLE" : "CSV",
    idempotencyKey: csvIdempotencyKey(input.workspaceId, parsed.subjects),
    subjects: parsed.subjects,
    duplicates: parsed.duplicates,
  });
  return {
    filed: true,
    id: filed.id,
    created: filed.created,
    rows: parsed.rows,
    requested: parsed.subjects.length,
    duplicates: parsed.duplicates,
    skippedRows: errors.length,
  };
}
