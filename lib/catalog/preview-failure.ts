// What a failed preview refresh records (SchemaPreviewCache.lastError, as JSON) and the two ways it is
// shown: a generic sentence for brands, and Snowflake's own code and text for staff. Pure.
import { SnowflakeQueryError } from "@/lib/snowflake/query-error";
import type { PreviewErrorDetail } from "./schema-preview.schema";

export type PreviewFailure = PreviewErrorDetail & { transient: boolean };

export function describePreviewFailure(error: unknown): PreviewFailure {
  if (error instanceof SnowflakeQueryError) {
    return {
      code: error.code,
      sqlState: error.sqlState,
      message: error.message,
      queryId: error.queryId,
      transient: error.transient,
    };
  }
  // Not from Snowflake (a missing key file, a bad provider account row): staff still need the text.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: null, sqlState: null, message: message.slice(0, 2000), queryId: null, transient: false };
}

/** Stands in for a failure when another instance's refresh did not finish in time. */
export const refreshStillRunning: PreviewFailure = {
  code: null,
  sqlState: null,
  message: "Another refresh of this preview is still running.",
  queryId: null,
  transient: true,
};

export function serializeFailure(failure: PreviewFailure): string {
  return JSON.stringify(failure);
}

export function parseFailure(stored: string | null): PreviewFailure | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<PreviewFailure>;
    if (typeof value.message === "string") {
      return {
        code: value.code ?? null,
        sqlState: value.sqlState ?? null,
        message: value.message,
        queryId: value.queryId ?? null,
        transient: value.transient === true,
      };
    }
  } catch {
    // Written by hand or by an older version: keep the text for staff.
  }
  return { code: null, sqlState: null, message: stored, queryId: null, transient: false };
}

/** The sentence a brand sees: never Snowflake's message, which names objects and accounts. */
export function publicFailureReason(failure: PreviewFailure): string {
  // Only refreshStillRunning is transient without a Snowflake code.
  if (failure.transient && failure.code === null) {
    return "The preview is being refreshed right now. Please try again in a moment.";
  }
  if (failure.transient)
    return "Snowflake did not respond in time, so we could not refresh this preview. We will try again shortly.";
  return "We could not refresh this preview from Snowflake. Our team can see what went wrong.";
}

export function failureDetail(failure: PreviewFailure): PreviewErrorDetail {
  return { code: failure.code, sqlState: failure.sqlState, message: failure.message, queryId: failure.queryId };
}
