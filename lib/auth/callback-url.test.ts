import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/o/acme?page=2")).toBe("/o/acme?page=2");
    expect(safeCallbackPath("http://localhost:3000/console")).toBe("/console");
  });

  it("refuses anything that could leave the site or loop", () => {
    for (const value of ["//evil.example/x", "/\\evil.example", "javascript:alert(1)", "evil.example", "/signin?x=1", "/api/auth/signout", "", undefined]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});
