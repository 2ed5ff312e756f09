import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/floe" };

describe("parseConfig", () => {
  it("accepts a minimal development environment with defaults", () => {
    const config = parseConfig(base);
    expect(config.NODE_ENV).toBe("development");
    expect(config.demoLoginEnabled).toBe(true);
    expect(config.SNOWFLAKE_STATEMENT_TIMEOUT_SECONDS).toBe(120);
  });

  it("names a missing DATABASE_URL in one sentence", () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    expect(() => parseConfig({})).toThrow(/^Configuration error: DATABASE_URL is required/);
  });

  it("names a malformed variable without echoing secrets", () => {
    const error = (() => {
      try {
        parseConfig({ ...base, DATABASE_URL: "mysql://root:hunter2@db/floe" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe("Configuration error: DATABASE_URL must be a postgresql:// connection URL.");
    expect(error?.message).not.toContain("hunter2");
  });

  it("restricts provider secrets: no secrets directory in production by default, the FLOE_SECRET_ prefix unless configured", () => {
    expect(parseConfig({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(40) }).secretPolicy).toEqual({
      secretsDir: undefined,
      envPrefix: "FLOE_SECRET_",
    });
    // Development: the local emulator's key directory, where the demo seed's secretRef points.
    expect(parseConfig(base).secretPolicy.secretsDir).toBe(".data/emulator/keys");
    expect(
      parseConfig({ ...base, FLOE_SECRETS_DIR: "/run/secrets", FLOE_SECRET_ENV_PREFIX: "ACME_SF_" }).secretPolicy,
    ).toEqual({ secretsDir: "/run/secrets", envPrefix: "ACME_SF_" });
    expect(() => parseConfig({ ...base, FLOE_SECRET_ENV_PREFIX: "lower" })).toThrow(
      /FLOE_SECRET_ENV_PREFIX must be an upper-case/,
    );
  });

  it("rejects a non-numeric timeout", () => {
    expect(() => parseConfig({ ...base, SNOWFLAKE_STATEMENT_TIMEOUT_SECONDS: "soon" })).toThrow(
      /SNOWFLAKE_STATEMENT_TIMEOUT_SECONDS must be a number of seconds/,
    );
  });

  it("requires the OIDC settings together", () => {
    expect(() => parseConfig({ ...base, AUTH_OIDC_ISSUER: "https://sso.example.com" })).toThrow(/must be set together/);
  });

  it("keeps the demo sign-in off in production unless explicitly enabled", () => {
    const secret = "x".repeat(40);
    expect(parseConfig({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: secret }).demoLoginEnabled).toBe(false);
    expect(
      parseConfig({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: secret, FLOE_DEMO_LOGIN: "1" }).demoLoginEnabled,
    ).toBe(true);
    expect(() => parseConfig({ ...base, NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET is required in production/);
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ ...base, SNOWFLAKE_ACCESS_URL: "" }).SNOWFLAKE_ACCESS_URL).toBeUndefined();
  });
});
