import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** Awaits a promise that must reject with an AppError matching `match`; returns the error for more checks. */
export async function expectAppError(
  promise: Promise<unknown>,
  match: Partial<Pick<AppError, "code" | "reason" | "message">>,
): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected an AppError").toBeInstanceOf(AppError);
  expect(error).toMatchObject(match);
  return error as AppError;
}
