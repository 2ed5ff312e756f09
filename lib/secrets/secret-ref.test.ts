import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSecret, SecretReferenceError, secretRefPolicyProblem, type SecretPolicy } from "./secret-ref";

// secretRef is admin-entered text that names where a provider account's secret lives. It may only name a file
// inside the configured secrets directory or an environment variable with the configured prefix, and its
// errors name the problem class without saying anything about the filesystem outside that directory.

const root = mkdtempSync(path.join(tmpdir(), "floe-secret-ref-"));
const secretsDir = path.join(root, "secrets");
mkdirSync(secretsDir);
writeFileSync(path.join(secretsDir, "key.p8"), "PEM-CONTENT\n");
writeFileSync(path.join(root, "outside.p8"), "OUTSIDE\n");
symlinkSync(path.join(root, "outside.p8"), path.join(secretsDir, "escape.p8"));
symlinkSync(path.join(root, "missing.p8"), path.join(secretsDir, "dangling.p8"));
symlinkSync(root, path.join(secretsDir, "up"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policy: SecretPolicy = { secretsDir, envPrefix: "FLOE_SECRET_" };
const env = { FLOE_SECRET_KEY: "ENV-PEM", HOME_SECRET: "nope" };

function problemOf(ref: string, p: SecretPolicy = policy): string | undefined {
  try {
    readSecret(ref, p, env);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SecretReferenceError);
    return (error as SecretReferenceError).problem;
  }
}

describe("secret references", () => {
  it("reads a file inside the secrets directory and a prefixed environment variable", () => {
    expect(readSecret(`file:${path.join(secretsDir, "key.p8")}`, policy, env)).toEqual({
      source: "file",
      value: "PEM-CONTENT\n",
    });
    expect(readSecret("env:FLOE_SECRET_KEY", policy, env)).toEqual({ source: "env", value: "ENV-PEM" });
  });

  it("refuses files outside the directory whether or not they exist (no existence oracle)", () => {
    const existing = problemOf(`file:${path.join(root, "outside.p8")}`);
    const missing = problemOf(`file:${path.join(root, "missing.p8")}`);
    expect(existing).toBe("outside_allowed_directory");
    expect(missing).toBe(existing);
    expect(problemOf("file:/etc/passwd")).toBe("outside_allowed_directory");
  });

  it("refuses .. escapes (lexically, before the filesystem is touched)", () => {
    expect(problemOf(`file:${secretsDir}/../outside.p8`)).toBe("outside_allowed_directory");
    // A sibling whose name starts with the directory's name is not inside it.
    expect(problemOf(`file:${secretsDir}-other/key.p8`)).toBe("outside_allowed_directory");
  });

  it("gives one answer through a link that leaves the directory, whether its target exists or not (no oracle)", () => {
    const answers = [
      problemOf(`file:${path.join(secretsDir, "escape.p8")}`), // link to an existing file outside
      problemOf(`file:${path.join(secretsDir, "dangling.p8")}`), // link to a missing file outside
      problemOf(`file:${path.join(secretsDir, "up", "outside.p8")}`), // through a directory link, existing
      problemOf(`file:${path.join(secretsDir, "up", "missing.p8")}`), // through a directory link, missing
      problemOf(`file:${path.join(secretsDir, "nope.p8")}`), // plainly missing inside
    ];
    expect(new Set(answers)).toEqual(new Set(["file_not_readable"]));
  });

  it("says 'not readable' for a missing file inside the directory, without echoing the path", () => {
    const error = (() => {
      try {
        readSecret(`file:${path.join(secretsDir, "nope.p8")}`, policy, env);
      } catch (e) {
        return e as SecretReferenceError;
      }
    })();
    expect(error?.problem).toBe("file_not_readable");
    expect(error?.message).toMatch(/secret file not readable/i);
    expect(error?.message).not.toContain(secretsDir);
  });

  it("refuses file refs when no secrets directory is configured", () => {
    expect(problemOf(`file:${path.join(secretsDir, "key.p8")}`, { envPrefix: "FLOE_SECRET_" })).toBe(
      "no_secrets_directory",
    );
  });

  it("refuses environment variables without the prefix and unset ones", () => {
    expect(problemOf("env:HOME_SECRET")).toBe("env_prefix_required");
    expect(problemOf("env:DATABASE_URL")).toBe("env_prefix_required");
    expect(problemOf("env:FLOE_SECRET_UNSET")).toBe("env_not_set");
    expect(problemOf("vault:x")).toBe("unsupported");
  });

  it("the policy check used when saving needs no filesystem access and agrees with resolution", () => {
    expect(secretRefPolicyProblem(`file:${root}/outside.p8`, policy)).toBe("outside_allowed_directory");
    expect(secretRefPolicyProblem(`file:${secretsDir}/../x`, policy)).toBe("outside_allowed_directory");
    expect(secretRefPolicyProblem(`file:${secretsDir}/anything.p8`, policy)).toBeUndefined();
    expect(secretRefPolicyProblem("env:OTHER", policy)).toBe("env_prefix_required");
    expect(secretRefPolicyProblem("env:FLOE_SECRET_X", policy)).toBeUndefined();
  });
});
