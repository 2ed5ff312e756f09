import { describe, expect, it } from "vitest";
import { describeFailure, SnowflakeQueryError } from "./query-error";

// One record of a failed Snowflake call for every place that keeps one (a provisioning step, a preview refresh).
describe("describeFailure", () => {
  it("keeps Snowflake's code, SQLSTATE, text and query id, classified by the one classifier", () => {
    const sdkError = { code: 2003, sqlState: "42S02", message: "Object does not exist", data: { queryId: "q-1" } };
    expect(describeFailure(sdkError)).toEqual({
      code: "002003",
      sqlState: "42S02",
      message: "Object does not exist",
      queryId: "q-1",
      transient: false,
    });
    expect(
      describeFailure(new SnowflakeQueryError("390114", null, "Authentication token has expired", null, true)),
    ).toMatchObject({ code: "390114", transient: true });
    expect(describeFailure(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toMatchObject({
      code: "ECONNRESET",
      message: "socket hang up",
      transient: true,
    });
  });

  it("gives Floe's own errors no made-up code, and keeps a telling class name with the text", () => {
    expect(describeFailure(new Error("no lake account for region AWS_US_EAST_1"))).toEqual({
      code: null,
      sqlState: null,
      message: "no lake account for region AWS_US_EAST_1",
      queryId: null,
      transient: false,
    });
    expect(describeFailure(new TypeError("cannot read properties of undefined"))).toMatchObject({
      code: null,
      message: "TypeError: cannot read properties of undefined",
    });
    expect(describeFailure("plain text")).toMatchObject({ code: null, message: "plain text" });
    expect(describeFailure(undefined)).toMatchObject({ code: null, message: "Snowflake request failed" });
  });
});
