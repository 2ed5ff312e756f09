import { z } from "zod";

// Every setting Floe reads from the environment, validated in one place. Anything else in the code asks
// getConfig() instead of reading process.env. A bad value stops the start with one sentence naming it.

const optionalString = z.string().trim().min(1).optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({
        error: "is required (a postgresql:// connection URL; `npm run dev` sets it for the embedded database)",
      })
      .regex(/^postgres(ql)?:\/\//, { error: "must be a postgresql:// connection URL" }),
    // Also the base of every link in e-mails (lib/requests/emails.ts): http(s) only.
    NEXTAUTH_URL: z
      .url({ protocol: /^https?$/, error: "must be the app's public http(s) URL, e.g. https://floe.example.com" })
      .optional(),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, { error: "must be at least 32 characters (generate one with `openssl rand -base64 32`)" })
      .optional(),
    FLOE_DEMO_LOGIN: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).optional(),
    AUTH_OIDC_ISSUER: z.url({ error: "must be the issuer URL of your OIDC provider" }).optional(),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default("Vendor SSO"),
    EMAIL_SERVER: z
      .string()
      .regex(/^smtps?:\/\//, { error: "must be an smtp:// or smtps:// URL" })
      .optional(),
    EMAIL_FROM: z.string().default("Floe <no-reply@floe.localhost>"),
    SNOWFLAKE_ACCESS_URL: z
      .url({
        error: "must be a URL (the Snowflake emulator, e.g. http://127.0.0.1:4080); leave unset for real Snowflake",
      })
      .optional(),
    SNOWFLAKE_STATEMENT_TIMEOUT_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int()
      .min(1)
      .max(3600)
      .default(120),
    PREVIEW_CACHE_TTL_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int()
      .min(0)
      .max(7 * 86400)
      .default(900),
    WORKER_CONCURRENCY: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(64).default(4),
    WORKER_STALE_AFTER_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int()
      .min(1)
      .max(3600)
      .default(60),
    // Provider-account secretRefs may name only files in this directory (file:) and variables with this prefix (env:).
    FLOE_SECRETS_DIR: optionalString,
    // Magic-link requests per address and per client in a 15-minute window (counted in PostgreSQL).
    FLOE_MAGIC_LINK_LIMIT_PER_ADDRESS: z.coerce
      .number({ error: "must be a whole number" })
      .int()
      .min(1)
      .max(1000)
      .default(5),
    FLOE_MAGIC_LINK_LIMIT_PER_CLIENT: z.coerce
      .number({ error: "must be a whole number" })
      .int()
      .min(1)
      .max(100_000)
      .default(20),
    // Pipeline health (lib/pipeline-health): how often the worker samples, how long samples are kept, alert thresholds.
    FLOE_PIPELINE_SAMPLE_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int()
      .min(10)
      .max(3600)
      .default(60),
    FLOE_PIPELINE_RETENTION_DAYS: z.coerce
      .number({ error: "must be a whole number" })
      .int()
      .min(1)
      .max(365)
      .default(14),
    FLOE_PIPELINE_TASK_FAILURES: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(100).default(3),
    FLOE_PIPELINE_STREAM_STALE_HOURS: z.coerce
      .number({ error: "must be a number of hours" })
      .int()
      .min(1)
      .max(24 * 90)
      .default(24),
    FLOE_PIPELINE_FRESHNESS_SLO_MINUTES: z.coerce
      .number({ error: "must be a number of minutes" })
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    FLOE_PIPELINE_REPLICATION_SLO_MINUTES: z.coerce
      .number({ error: "must be a number of minutes" })
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    // Benchmarks only (bench/portal.ts): a file where lib/db-query-counter.ts keeps the count of SQL statements sent.
    FLOE_BENCH_QUERY_COUNT_FILE: optionalString,
    // "1" when a proxy in front of Floe sets X-Forwarded-For: the per-client limit then keys on the address it added.
    FLOE_TRUST_PROXY: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).default("0"),
    // Public API calls per token per minute (counted in PostgreSQL, across all web instances).
    FLOE_API_RATE_LIMIT_PER_MINUTE: z.coerce
      .number({ error: "must be a whole number" })
      .int()
      .min(1)
      .max(100_000)
      .default(120),
    // Share end dates: the latest allowed (days from now), and the expiry reminders (days before the end).
    FLOE_SHARE_MAX_DAYS: z.coerce
      .number({ error: "must be a whole number of days" })
      .int()
      .min(1)
      .max(3660)
      .default(730),
    FLOE_EXPIRY_REMINDER_DAYS: z
      .string()
      .regex(/^\d{1,3}(,\d{1,3})*$/, { error: 'must be whole days before the end date, e.g. "14,3"' })
      .default("14,3")
      .transform((value) => [...new Set(value.split(",").map(Number))].filter((d) => d > 0).sort((a, b) => b - a)),
    FLOE_SECRET_ENV_PREFIX: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, {
        error: "must be an upper-case environment variable prefix, e.g. FLOE_SECRET_",
      })
      .default("FLOE_SECRET_"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_CLIENT_ID"],
        message: "AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required in production (at least 32 random characters)",
      });
    }
  });

export type Config = z.infer<typeof schema> & {
  /** The demo sign-in (pick a seeded user) is on in development and tests, off in production unless FLOE_DEMO_LOGIN=1. */
  demoLoginEnabled: boolean;
  /** Secret for next-auth; a fixed development value outside production. */
  authSecret: string;
  /** Where provider-account secretRefs may point (lib/secrets/secret-ref.ts). */
  secretPolicy: { secretsDir?: string; envPrefix: string };
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const DEV_AUTH_SECRET = "floe-development-secret-not-for-production-use";
const DEV_SECRETS_DIR = ".data/emulator/keys";

/** Parses an environment; throws ConfigError with one sentence naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset: `FOO=` in a .env file should not fail a URL check.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue.path[0] ?? "configuration");
    const message =
      issue.message.startsWith(variable) || issue.message.includes(" must be set together")
        ? issue.message
        : `${variable} ${issue.message}`;
    throw new ConfigError(`Configuration error: ${message}.`);
  }
  const parsed = result.data;
  const demoLoginEnabled =
    parsed.NODE_ENV === "production" ? parsed.FLOE_DEMO_LOGIN === "1" : parsed.FLOE_DEMO_LOGIN !== "0";
  // Outside production the default is the local emulator's key directory, where the demo seed points.
  const secretPolicy = {
    secretsDir: parsed.FLOE_SECRETS_DIR ?? (parsed.NODE_ENV === "production" ? undefined : DEV_SECRETS_DIR),
    envPrefix: parsed.FLOE_SECRET_ENV_PREFIX,
  };
  return { ...parsed, demoLoginEnabled, authSecret: parsed.NEXTAUTH_SECRET ?? DEV_AUTH_SECRET, secretPolicy };
}

let cached: Config | undefined;

/** The validated configuration of this process (parsed once, lazily, so `next build` needs no secrets). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
