import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/o/acme?page=2")).toBe("/o/acme?page=2");
    expect(safeCallbackPath("http://localhost:3000/console")).toBe("/console");
  });

  it("refuses anything that could leave the site or loop", () => {
    for (const value of [
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/signin?x=1",
      "/api/auth/signout",
      "",
      undefined,
    ]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });

  it("refuses paths that become protocol-relative once a browser drops tabs and newlines (WHATWG URL)", () => {
    // window.location.assign("/\t/evil.example") goes to evil.example: the parser removes the tab first.
    for (const value of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n\\evil.example",
      "http://localhost:3000/\t/evil.example",
      "/x\u0000y",
    ]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});
