// How a failed preview refresh is kept (SchemaPreviewCache.lastError: the one Snowflake failure record of
// lib/snowflake/query-error, as JSON) and the two ways it is shown: a generic sentence for brands, and
// Snowflake's own code and text for staff. Pure.
import type { SnowflakeFailure } from "@/lib/snowflake/query-error";
import type { PreviewErrorDetail } from "./schema-preview.schema";

/** Stands in for a failure when another instance's refresh did not finish in time. */
export const refreshStillRunning: SnowflakeFailure = {
  code: null,
  sqlState: null,
  message: "Another refresh of this preview is still running.",
  queryId: null,
  transient: true,
};

export function serializeFailure(failure: SnowflakeFailure): string {
  return JSON.stringify(failure);
}

export function parseFailure(stored: string | null): SnowflakeFailure | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<SnowflakeFailure>;
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
export function publicFailureReason(failure: SnowflakeFailure): string {
  // Only refreshStillRunning is transient without a Snowflake code.
  if (failure.transient && failure.code === null) {
    return "The preview is being refreshed right now. Please try again in a moment.";
  }
  if (failure.transient)
    return "Snowflake did not respond in time, so we could not refresh this preview. We will try again shortly.";
  return "We could not refresh this preview from Snowflake. Our team can see what went wrong.";
}

export function failureDetail(failure: SnowflakeFailure): PreviewErrorDetail {
  return { code: failure.code, sqlState: failure.sqlState, message: failure.message, queryId: failure.queryId };
}
