import { describe, expect, it } from "vitest";
import { generateProofCode, hashProofCode, normaliseProofCode, proofCodeMatches } from "./account-proof-code";

describe("one-time proof codes", () => {
  it("are 12 unambiguous characters in three groups, different every time", () => {
    const codes = new Set(Array.from({ length: 200 }, generateProofCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it("are stored as a SHA-256 hex hash and match however the brand types them", () => {
    const code = "ABCD-EFGH-JKMN";
    expect(hashProofCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashProofCode(code)).not.toContain("ABCD");
    expect(normaliseProofCode(" abcd efgh-jkmn ")).toBe("ABCDEFGHJKMN");
    const stored = hashProofCode(code);
    expect(proofCodeMatches("abcdefghjkmn", stored)).toBe(true);
    expect(proofCodeMatches("ABCD-EFGH-JKMP", stored)).toBe(false);
    expect(proofCodeMatches("", stored)).toBe(false);
  });
});
