import { createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { publicKeyFingerprint, verifyLoginJwt } from "./jwt-auth";

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
};
const key = pair();
const other = pair();

function jwt(claims: Record<string, unknown>, privateKey = key.privateKey, alg = "RS256"): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = `${enc({ alg, typ: "JWT" })}.${enc(claims)}`;
  return `${head}.${createSign("RSA-SHA256").update(head).sign(privateKey).toString("base64url")}`;
}

const now = Date.now();
const good = {
  iss: `ACME.BOB.${publicKeyFingerprint(key.publicKeyPem)}`,
  sub: "ACME.BOB",
  iat: now,
  exp: now + 120_000,
};
const expected = { accounts: ["acme"], user: "bob", publicKeysPem: [other.publicKeyPem, key.publicKeyPem] };

describe("verifyLoginJwt", () => {
  test("accepts the SDK's shape (ms timestamps) and second timestamps, against any registered key", () => {
    expect(verifyLoginJwt(jwt(good), expected)).toEqual({ ok: true });
    expect(
      verifyLoginJwt(jwt({ ...good, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 60 }), expected),
    ).toEqual({ ok: true });
  });

  test("refuses expired, wrong subject, wrong fingerprint, forged signature, other alg", () => {
    const reason = (token: string) => {
      const r = verifyLoginJwt(token, expected);
      return r.ok ? "ok" : r.reason;
    };
    expect(reason(jwt({ ...good, iat: now - 200_000, exp: now - 80_000 }))).toBe("expired");
    expect(reason(jwt({ ...good, sub: "ACME.ALICE" }))).toMatch(/sub/);
    expect(reason(jwt({ ...good, iss: `ACME.BOB.SHA256:${Buffer.alloc(32).toString("base64")}` }))).toMatch(
      /fingerprint/,
    );
    expect(reason(jwt(good, other.privateKey))).toBe("bad signature");
    expect(reason(jwt(good, key.privateKey, "HS256"))).toMatch(/alg/);
    expect(reason("not.a")).toBe("not a JWT");
  });
});
