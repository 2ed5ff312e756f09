// `npm run lake:ingest -- --region <REGION> --rate <N>/s [--duration <S>] [--seed <N>]`, checked with zod:
// a typo or an absurd rate is a clear error, not a runaway generator. Pure.
import { z } from "zod";

/** The generator's ceiling; the bench measures what a lake takes (bench/ingest.ts). */
export const MAX_RATE = 5000;
export const MAX_DURATION_SECONDS = 7 * 24 * 3600;

const schema = z.object({
  region: z.string().regex(/^[A-Z0-9_]{3,64}$/, "region must be a Snowflake region id such as AWS_US_EAST_1"),
  rate: z
    .string()
    .regex(/^\d+(\.\d+)?(\/s)?$/, "rate must look like 20/s")
    .transform((s) => Number(s.replace(/\/s$/, "")))
    .pipe(z.number().positive().max(MAX_RATE)),
  duration: z.coerce.number().int().positive().max(MAX_DURATION_SECONDS).optional(),
  seed: z.coerce
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31)
    .optional(),
});

export type IngestArgs = z.infer<typeof schema>;

export function parseIngestArgs(argv: readonly string[]): IngestArgs {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = /^--(region|rate|duration|seed)$/.exec(argv[i]);
    if (!flag) throw new Error(`unknown argument ${argv[i]} (expected --region, --rate, --duration, --seed)`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${argv[i - 1]} needs a value`);
    raw[flag[1]] = value;
  }
  const parsed = schema.safeParse({ ...raw, region: raw.region?.toUpperCase() });
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}
