import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // Unused arguments prefixed with _ are intentional (callbacks with fixed signatures).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The UI never talks to the database or Snowflake directly: it calls server-only functions in lib/.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/db", message: "UI code calls a server-only function in lib/ instead of Prisma." },
            { name: "snowflake-sdk", message: "Only lib/snowflake talks to Snowflake." },
          ],
          patterns: [{ group: ["@/lib/generated/prisma/client", "@prisma/*", "@/lib/generated/prisma/enums"], message: "UI code calls a server-only function in lib/ instead of Prisma." }],
        },
      ],
    },
  },
  {
    // Not React: the emulator, scripts and test harnesses have functions named use… that are not hooks.
    files: ["emulator/**", "scripts/**", "**/testing/**", "**/*.test.ts", "e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([".next/**", ".next-*/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**"]),
]);
