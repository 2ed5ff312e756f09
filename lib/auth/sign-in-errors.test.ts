import { describe, expect, it } from "vitest";
import { RATE_LIMITED_ERROR } from "./auth-route-guard";
import { signInErrorMessage } from "./sign-in-errors";

describe("sign-in error sentences", () => {
  it("says what to do when magic links are rate-limited (the code the auth guard sends)", () => {
    expect(signInErrorMessage(RATE_LIMITED_ERROR)).toMatch(/Too many sign-in links.*Wait 15 minutes/);
  });

  it("never shows a raw code", () => {
    expect(signInErrorMessage("SomethingNew")).toBe("Sign-in failed. Please try again.");
    expect(signInErrorMessage(null)).toBeNull();
  });

  it("answers a code named like an Object property (?error=__proto__) with the generic line, not the property", () => {
    // The page renders the result: Object.prototype as a React child is a 500, a function renders nothing.
    for (const code of ["__proto__", "constructor", "toString", "hasOwnProperty"])
      expect(signInErrorMessage(code)).toBe("Sign-in failed. Please try again.");
  });
});
