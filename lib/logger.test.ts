// The logger writes one JSON object per line with its context, and never a secret: fields named like
// secrets are censored, and URL credentials are masked in messages and in errors.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskUrlCredentials } from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe("logger", () => {
  it("writes structured lines with the request id and run id of their context", () => {
    const { logger, lines } = capture();
    logger.child({ requestId: "req_123" }).error({ action: "approveRequest" }, "server action failed");
    logger.child({ component: "worker" }).info({ runId: "run_9", outcome: "succeeded" }, "run succeeded");
    expect(lines[0]).toMatchObject({
      level: 50,
      requestId: "req_123",
      action: "approveRequest",
      msg: "server action failed",
    });
    expect(lines[1]).toMatchObject({ level: 30, component: "worker", runId: "run_9", outcome: "succeeded" });
    expect(typeof lines[0].time).toBe("string");
  });

  it("censors secret-named fields, at any of the first three levels", () => {
    const { logger, lines } = capture();
    logger.info(
      { password: "hunter2", settings: { privateKey: "-----BEGIN", nested: { token: "t0k" } }, user: "ada" },
      "connecting",
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/hunter2|BEGIN|t0k/);
    expect(lines[0]).toMatchObject({
      password: "[redacted]",
      settings: { privateKey: "[redacted]", nested: { token: "[redacted]" } },
      user: "ada",
    });
  });

  it("masks URL credentials in messages and errors", () => {
    const { logger, lines } = capture();
    const url = "postgresql://floe:s3cret-pw@db.internal:5432/floe";
    logger.error({ err: new Error(`Cannot connect to ${url}`) }, `database check failed for ${url}`);
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("s3cret-pw");
    expect(lines[0].msg).toBe("database check failed for postgresql://floe:***@db.internal:5432/floe");
    expect((lines[0].err as { message: string }).message).toBe(
      "Cannot connect to postgresql://floe:***@db.internal:5432/floe",
    );
    expect(maskUrlCredentials("smtp://mailer:p%40ss@mail:587 and http://host/path")).toBe(
      "smtp://mailer:***@mail:587 and http://host/path",
    );
  });
});
