import { describe, expect, it } from "vitest";
import { keyWithNul } from "./nul-characters";

describe("keyWithNul", () => {
  it("names the top-level key holding a NUL, however deep, and ignores everything else", () => {
    expect(keyWithNul({ a: "fine", b: "x\u0000y" })).toBe("b");
    expect(keyWithNul({ ids: ["ok", "\u0000"] })).toBe("ids");
    expect(keyWithNul({ nested: { deeper: { value: "\u0000" } } })).toBe("nested");
    expect(keyWithNul({ a: "\u0001\u202E", n: 1, z: null })).toBeNull();
    expect(keyWithNul("\u0000")).toBeNull();
    expect(keyWithNul(null)).toBeNull();
  });
});
