import "server-only";
import { toSnowflakeQueryError } from "@/lib/snowflake/query-error";
import type { FailureInfo } from "./runtime-types";

/** What the run records about a failed call: Snowflake's code, SQLSTATE and text, and whether to retry. */
export function describeFailure(error: unknown): FailureInfo {
  const mapped = toSnowflakeQueryError(error);
  return {
    code: mapped.code || null,
    sqlState: mapped.sqlState || null,
    message: mapped.message,
    queryId: mapped.queryId || null,
    transient: mapped.transient,
  };
}
