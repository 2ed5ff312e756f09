import { describe, expect, it } from "vitest";
import { isEmailLike, MASK, maskEmail, maskPiiValue } from "./mask-pii";
import { toJsonSafe } from "./to-json-safe";

describe("maskEmail", () => {
  it("keeps the first letters and the top-level domain only", () => {
    expect(maskEmail("john@example.com")).toBe("j•••@e•••.com");
    expect(maskEmail("finn.weber42@mail.yahoo.co.uk")).toBe("f•••@m•••.uk");
  });

  it("does not split a character made of two code units", () => {
    expect(maskEmail("😀x@émail.de")).toBe("😀•••@é•••.de");
  });
});

describe("maskPiiValue", () => {
  it("masks emails by outline and every other scalar completely", () => {
    expect(maskPiiValue("ava.jones42@gmail.com")).toBe("a•••@g•••.com");
    expect(maskPiiValue("cust-100082")).toBe(MASK);
    expect(maskPiiValue("F")).toBe(MASK);
    expect(maskPiiValue(42)).toBe(MASK);
    expect(maskPiiValue(12345678901234567890n)).toBe(MASK);
    expect(maskPiiValue(true)).toBe(MASK);
    expect(maskPiiValue(new Date("2024-01-01T00:00:00Z"))).toBe(MASK);
  });

  it("keeps null, and the shape of arrays and objects, never their values", () => {
    expect(maskPiiValue(null)).toBeNull();
    expect(maskPiiValue(undefined)).toBeNull();
    expect(maskPiiValue(["a@b.io", "x"])).toEqual(["a•••@b•••.io", MASK]);
    expect(maskPiiValue({ promo_code: "SAVE5", nested: { n: 1 }, "jane@corp.com": "y" })).toEqual({
      promo_code: MASK,
      nested: { n: MASK },
      "j•••@c•••.com": MASK,
    });
  });

  it("never lets any part of a non-email string through", () => {
    for (const value of ["Max Mustermann", "+49 170 1234567", "Berlin", "@handle", "a@b"]) {
      expect(maskPiiValue(value)).toBe(MASK);
    }
  });

  it("recognises emails conservatively", () => {
    expect(isEmailLike("a@b.co")).toBe(true);
    expect(isEmailLike("not an@email.com")).toBe(false);
    expect(isEmailLike("a@b")).toBe(false);
  });
});

describe("toJsonSafe", () => {
  it("turns driver values into plain JSON", () => {
    const sdkDate = Object.assign(new Date("2026-11-26T22:04:11.000Z"), {
      toJSON: () => "2026-11-26 22:04:11.000 +0000",
    });
    expect(toJsonSafe(sdkDate)).toBe("2026-11-26T22:04:11.000Z");
    expect(toJsonSafe(9007199254740993n)).toBe("9007199254740993");
    expect(toJsonSafe(Number.NaN)).toBe("NaN");
    expect(toJsonSafe(Buffer.from([0xab, 0x01]))).toBe("AB01");
    expect(toJsonSafe({ a: [1n, { toJSON: () => "10:00:00" }] })).toEqual({ a: ["1", "10:00:00"] });
    expect(JSON.parse(JSON.stringify(toJsonSafe({ d: new Date(Number.NaN) })))).toEqual({ d: null });
  });
});
