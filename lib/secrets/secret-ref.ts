// Where a provider account's secret may live, and reading it. An admin enters a secretRef in the console;
// it may name only a file inside FLOE_SECRETS_DIR or an environment variable starting with
// FLOE_SECRET_ENV_PREFIX, so a console user cannot point Floe at /etc/shadow or DATABASE_URL.
// Errors name the problem class and nothing else: no path, and never whether a file outside the directory
// exists (the directory check is lexical first, before the filesystem is touched; a symlink out of it reads
// as not readable).

import fs from "node:fs";
import path from "node:path";

export type SecretPolicy = {
  /** Absolute or cwd-relative directory holding secret files; unset = file: refs refused. */
  secretsDir?: string;
  /** Required prefix of env: refs. */
  envPrefix: string;
};

export type SecretProblem =
  | "unsupported"
  | "no_secrets_directory"
  | "outside_allowed_directory"
  | "file_not_readable"
  | "env_prefix_required"
  | "env_not_set";

const messages: Record<SecretProblem, (policy: SecretPolicy) => string> = {
  unsupported: () => "Unsupported secret reference: use env:NAME or file:/path.",
  no_secrets_directory: () => "Secret files are disabled: set FLOE_SECRETS_DIR to the directory that holds them.",
  outside_allowed_directory: () => "Secret ref outside the allowed directory (FLOE_SECRETS_DIR).",
  file_not_readable: () => "Secret file not readable.",
  env_prefix_required: (p) => `Secret environment variables must start with ${p.envPrefix}.`,
  env_not_set: () => "Secret environment variable not set.",
};

export class SecretReferenceError extends Error {
  constructor(
    readonly problem: SecretProblem,
    policy: SecretPolicy,
  ) {
    super(`Provider account secret: ${messages[problem](policy)}`);
    this.name = "SecretReferenceError";
  }
}

/** The message a form shows for a problem (the same sentence resolution throws, without the prefix). */
export function secretProblemMessage(problem: SecretProblem, policy: SecretPolicy): string {
  return messages[problem](policy);
}

type Parsed = { scheme: "env"; name: string } | { scheme: "file"; path: string } | { scheme: "other" };

function parse(ref: string): Parsed {
  const colon = ref.indexOf(":");
  const scheme = ref.slice(0, colon);
  const target = ref.slice(colon + 1);
  if (colon > 0 && scheme === "env") return { scheme: "env", name: target };
  if (colon > 0 && scheme === "file" && target.length > 0) return { scheme: "file", path: target };
  return { scheme: "other" };
}

function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * The checks that need no filesystem: scheme, prefix, and that the path (resolved lexically, `..` applied)
 * lies inside the secrets directory. Used when an admin saves, and first thing when resolving.
 */
export function secretRefPolicyProblem(ref: string, policy: SecretPolicy): SecretProblem | undefined {
  const parsed = parse(ref);
  if (parsed.scheme === "env")
    return parsed.name.startsWith(policy.envPrefix) && parsed.name.length > policy.envPrefix.length
      ? undefined
      : "env_prefix_required";
  if (parsed.scheme === "other") return "unsupported";
  if (!policy.secretsDir) return "no_secrets_directory";
  // Secret files live wherever the operator keeps them, outside the app: keep the bundler from tracing them.
  const dir = path.resolve(/*turbopackIgnore: true*/ policy.secretsDir);
  return isInside(dir, path.resolve(/*turbopackIgnore: true*/ parsed.path)) ? undefined : "outside_allowed_directory";
}

export type SecretValue = { source: "env" | "file"; value: string };

/** Reads the secret a reference names, or throws SecretReferenceError with the problem class. */
export function readSecret(
  ref: string,
  policy: SecretPolicy,
  env: Record<string, string | undefined> = process.env,
): SecretValue {
  const problem = secretRefPolicyProblem(ref, policy);
  if (problem) throw new SecretReferenceError(problem, policy);
  const parsed = parse(ref);
  if (parsed.scheme === "env") {
    const value = env[parsed.name];
    if (!value) throw new SecretReferenceError("env_not_set", policy);
    return { source: "env", value };
  }
  if (parsed.scheme !== "file") throw new SecretReferenceError("unsupported", policy);
  // Symlinks: compare real paths, so a link inside the directory cannot point out of it. Past the lexical
  // check every failure is "not readable": a missing file, an unreadable one, and a link out of the
  // directory (whether or not its target exists, else the answer would tell).
  let realDir: string;
  let realFile: string;
  try {
    realDir = fs.realpathSync(/*turbopackIgnore: true*/ path.resolve(/*turbopackIgnore: true*/ policy.secretsDir!));
    realFile = fs.realpathSync(/*turbopackIgnore: true*/ path.resolve(/*turbopackIgnore: true*/ parsed.path));
  } catch {
    throw new SecretReferenceError("file_not_readable", policy);
  }
  if (!isInside(realDir, realFile)) throw new SecretReferenceError("file_not_readable", policy);
  try {
    return { source: "file", value: fs.readFileSync(/*turbopackIgnore: true*/ realFile, "utf8") };
  } catch {
    throw new SecretReferenceError("file_not_readable", policy);
  }
}
