// A tiny leveled logger on stderr. The emulator never logs passwords, tokens, JWTs or keys — only
// ids, accounts, users, SQL text and error codes.
export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
};

export function createLogger(level: "silent" | "error" | "info" = "info"): Logger {
  const write = (tag: string, message: string) => process.stderr.write(`[emulator] ${tag} ${message}\n`);
  return {
    info: (m) => level === "info" && write("info", m),
    warn: (m) => (level !== "silent" && level !== "error" ? write("warn", m) : undefined),
    error: (m, e) => {
      if (level === "silent") return;
      write("error", e instanceof Error ? `${m}: ${e.stack ?? e.message}` : m);
    },
  };
}
