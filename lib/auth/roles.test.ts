import { describe, expect, it } from "vitest";
import { isAdmin, isStaff, roleAtLeast } from "@/lib/auth/roles";

describe("roleAtLeast", () => {
  it("orders VIEWER < MEMBER < OWNER", () => {
    expect(roleAtLeast("OWNER", "MEMBER")).toBe(true);
    expect(roleAtLeast("MEMBER", "MEMBER")).toBe(true);
    expect(roleAtLeast("VIEWER", "MEMBER")).toBe(false);
    expect(roleAtLeast("VIEWER", "VIEWER")).toBe(true);
  });

  it("denies unknown or missing roles", () => {
    expect(roleAtLeast("SUPERUSER", "VIEWER")).toBe(false);
    expect(roleAtLeast("owner", "VIEWER")).toBe(false);
    expect(roleAtLeast("__proto__", "VIEWER")).toBe(false);
    expect(roleAtLeast(null, "VIEWER")).toBe(false);
    expect(roleAtLeast("OWNER", "ROOT" as never)).toBe(false);
  });
});

describe("staff roles", () => {
  it("knows account managers and admins, nothing else", () => {
    expect(isStaff("ACCOUNT_MANAGER")).toBe(true);
    expect(isStaff("ADMIN")).toBe(true);
    expect(isStaff("SUPPORT")).toBe(false);
    expect(isStaff(null)).toBe(false);
    expect(isAdmin("ADMIN")).toBe(true);
    expect(isAdmin("ACCOUNT_MANAGER")).toBe(false);
  });
});
