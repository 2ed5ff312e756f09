import { describe, expect, test } from "vitest";
import { encodeCell } from "./encode-cell";

describe("encodeCell", () => {
  test("fixed: integers, bigint, scale, booleans", () => {
    expect(encodeCell(42, "fixed", 0)).toBe("42");
    expect(encodeCell(12345678901234567890n, "fixed", 0)).toBe("12345678901234567890");
    expect(encodeCell(12.5, "fixed", 2)).toBe("12.50");
    expect(encodeCell("99999999999999999999.01", "fixed", 2)).toBe("99999999999999999999.01");
    expect(encodeCell(true, "fixed", 0)).toBe("1");
  });

  test("real, boolean, text, null", () => {
    expect(encodeCell(1.25, "real", 0)).toBe("1.25");
    expect(encodeCell(Number.NaN, "real", 0)).toBe("NaN");
    expect(encodeCell(true, "boolean", 0)).toBe("1");
    expect(encodeCell(false, "boolean", 0)).toBe("0");
    expect(encodeCell("yes", "text", 0)).toBe("yes");
    expect(encodeCell(null, "text", 0)).toBeNull();
    expect(encodeCell(undefined, "fixed", 0)).toBeNull();
  });

  test("date: days since epoch, before and after 1970", () => {
    expect(encodeCell(new Date("2024-03-01T00:00:00Z"), "date", 0)).toBe("19783");
    expect(encodeCell("2024-03-01", "date", 0)).toBe("19783");
    expect(encodeCell("1969-12-31", "date", 0)).toBe("-1");
  });

  test("time: seconds since midnight with nanoseconds", () => {
    expect(encodeCell("01:02:03.5", "time", 9)).toBe("3723.500000000");
    expect(encodeCell(new Date("2024-01-01T23:59:59.001Z"), "time", 9)).toBe("86399.001000000");
  });

  test("timestamps: exact decimal seconds, negative epochs included", () => {
    expect(encodeCell(new Date("2024-01-02T03:04:05.678Z"), "timestamp_ntz", 9)).toBe("1704164645.678000000");
    expect(encodeCell("2024-01-02 03:04:05.678", "timestamp_ntz", 9)).toBe("1704164645.678000000");
    expect(encodeCell(new Date(-1500), "timestamp_ltz", 9)).toBe("-1.500000000");
  });

  test("timestamp_tz: UTC epoch plus offset minutes + 1440", () => {
    expect(encodeCell(new Date("2024-01-02T03:04:05Z"), "timestamp_tz", 9)).toBe("1704164645.000000000 1440");
    expect(encodeCell("2024-01-02T05:04:05+02:00", "timestamp_tz", 9)).toBe("1704164645.000000000 1560");
    expect(encodeCell("2024-01-01 22:04:05 -05:00", "timestamp_tz", 9)).toBe("1704164645.000000000 1140");
  });

  test("timestamp_tz without a written offset takes the session zone's offset at that instant (DST included)", () => {
    expect(encodeCell(new Date("2024-01-02T03:04:05Z"), "timestamp_tz", 9, "America/Los_Angeles")).toBe(
      "1704164645.000000000 960",
    );
    expect(encodeCell(new Date("2024-07-02T03:04:05Z"), "timestamp_tz", 9, "America/Los_Angeles")).toBe(
      "1719889445.000000000 1020",
    );
    expect(encodeCell(new Date("2024-01-02T03:04:05Z"), "timestamp_tz", 9, "Asia/Kolkata")).toBe(
      "1704164645.000000000 1770",
    );
    expect(encodeCell("2024-01-02T05:04:05+02:00", "timestamp_tz", 9, "Asia/Kolkata")).toBe(
      "1704164645.000000000 1560",
    );
  });

  test("semi-structured as JSON text, binary as hex", () => {
    expect(JSON.parse(encodeCell({ a: [1, 2] }, "object", 0)!)).toEqual({ a: [1, 2] });
    expect(encodeCell('{"a":1}', "variant", 0)).toBe('{"a":1}');
    expect(encodeCell("plain", "variant", 0)).toBe('"plain"');
    expect(encodeCell(new Uint8Array([0xca, 0xfe]), "binary", 0)).toBe("CAFE");
  });
});
