// What the hostile-input fields are made of: the Field shape, calling an action or route as a person, and the
// verdicts of reads that answer any input. The fields themselves: hostile-fields.ts and its siblings.
import { isAppError } from "@/lib/errors";
import type { HostileCase } from "./hostile-corpus";
import { signInAs } from "./session";
import type { Verdict } from "./verdict";

export type Policy = "refuse" | "text" | "default" | "inert";
export type Field = {
  name: string;
  policy: Policy;
  cases: HostileCase[];
  run: (value: unknown) => Promise<Verdict>;
  /** Case labels the field accepts by design (said why where listed). */
  accepts?: string[];
  cleanup?: () => Promise<void>;
  /**
   * Rows a refusal of this field adds on purpose, per table (read before and after the field's batch; the
   * growth is allowed, any other change is not). Only the proof-code entry has one: see there.
   */
  countedOnPurpose?: () => Promise<Record<string, number>>;
};

export type Input = Record<string, unknown>;
export type Person = { id: string; email: string; name: string | null; staffRole?: "ACCOUNT_MANAGER" | "ADMIN" | null };
export const as = (user: Person, call: () => Promise<unknown>) => async () => {
  signInAs(user);
  try {
    return await call();
  } finally {
    signInAs(null);
  }
};
export const get = (handler: unknown, url: string, params: Input) => () =>
  (handler as (r: Request, c: unknown) => Promise<Response>)(new Request(`http://localhost${url}`), {
    params: Promise.resolve(params),
  });
export const enc = (v: unknown) => encodeURIComponent(String(v));

/** A paged read answers, or refuses with a domain error (AppError: a specific 400); anything else is a failure. */
export async function inertPage(run: () => Promise<unknown>): Promise<Verdict> {
  try {
    await run();
    return { refused: false, specific: true, generic: false, message: "answered" };
  } catch (error) {
    if (isAppError(error)) return { refused: true, specific: true, generic: false, message: error.message };
    return { refused: true, specific: false, generic: true, message: `threw: ${(error as Error).message}` };
  }
}

/** A search answers any text; a crash or an error would be the failure. Wrong types are the caller's bug, not input. */
export async function inertSearch(run: () => Promise<unknown>): Promise<Verdict> {
  try {
    await run();
    return { refused: false, specific: true, generic: false, message: "answered" };
  } catch (error) {
    return { refused: true, specific: false, generic: true, message: `threw: ${(error as Error).message}` };
  }
}
