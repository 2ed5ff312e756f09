// The emulator's environment variables, read and validated in one place (CLI only: startEmulator
// takes options, so tests never pick up a developer's shell settings by accident).
import { z } from "zod";
import { describeZodError, faultConfigSchema, faultRuleSchema } from "./fault-schema";

const json = z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "is not valid JSON" });
    return z.NEVER;
  }
});

const envSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4080),
  EMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  EMULATOR_DATA_DIR: z.string().min(1).default(".data/emulator"),
  EMULATOR_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** `{"latencyMs":…, "rules":[…]}` or just `[rule, …]` (see README "Fault injection"). */
  EMULATOR_FAULTS: json.pipe(z.union([faultConfigSchema, z.array(faultRuleSchema)])).optional(),
  EMULATOR_PASSWORD: z.string().min(1).optional(),
  EMULATOR_SESSION_TOKEN_VALIDITY_SECONDS: z.coerce.number().int().min(1).optional(),
  EMULATOR_MASTER_TOKEN_VALIDITY_SECONDS: z.coerce.number().int().min(1).optional(),
  EMULATOR_LOG_LEVEL: z.enum(["silent", "error", "info"]).default("info"),
});

export type EmulatorEnv = z.output<typeof envSchema>;

export function readEmulatorEnv(env: Record<string, string | undefined> = process.env): EmulatorEnv {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("EMULATOR_") && v !== "")),
  );
  if (!parsed.success) throw new Error(`Invalid emulator environment: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
