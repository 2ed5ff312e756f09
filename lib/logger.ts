// The one logger of a process (web server, worker, scripts): structured JSON lines on stdout (pino), so a
// log store can filter by request id, run id or component instead of parsing "[worker] …" prefixes.
// - Context: `logger.child({ requestId })` in actions and routes (the id the user sees in an error
//   message), `{ runId }` for provisioning runs, `{ component }` for the rest.
// - Secrets: fields named like secrets are censored by pino's redaction, and credentials inside URLs
//   (postgresql://user:password@…) are masked in messages and errors before they are written.
// On globalThis, so Next's bundles (instrumentation, each route) and hot reloads share one instance.
import pino, { type Logger } from "pino";

const secretKeys = [
  "password",
  "passphrase",
  "privateKey",
  "privateKeyPass",
  "secret",
  "token",
  "accessToken",
  "refreshToken",
  "authorization",
  "cookie",
  "apiKey",
];
const redactPaths = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const urlCredentials = /([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+:)[^@\s/]+@/gi;

/** Masks the password of every URL in `text` (postgresql://floe:***@host/db). */
export function maskUrlCredentials(text: string): string {
  return text.replace(urlCredentials, "$1***@");
}

function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const key of ["message", "stack"])
    if (typeof serialized[key] === "string") serialized[key] = maskUrlCredentials(serialized[key]);
  return serialized;
}

/** The process's logger is `logger`; a destination other than stdout is for tests. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: "[redacted]" },
    serializers: { err: serializeError },
    hooks: {
      // Messages are often built from error text; mask URL credentials there too.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? maskUrlCredentials(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const holder = globalThis as unknown as { floeLogger?: Logger };
export const logger: Logger = (holder.floeLogger ??= createLogger());
