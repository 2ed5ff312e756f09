// Imported first by every schema module that also runs in the browser (the *.schema.ts files), before
// they build any schema. zod 4 compiles object parsers with `new Function` when it may, and finds out by
// trying once, which the production CSP (no 'unsafe-eval', lib/security/security-headers.ts) reports as
// a violation on every page with a form. `jitless` makes zod use its interpreter instead: same results,
// no eval. Only in the browser; the server keeps the compiled parsers. https://zod.dev/api (z.config)
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
