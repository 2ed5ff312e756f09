import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// Import boundaries between the layers (README, Architecture). lib/layer-boundaries.test.ts proves each
// rule fires on a deliberate violation.
const prismaMessage = "UI code calls a server-only function in lib/ instead of Prisma.";
const uiBannedPaths = [
  { name: "@/lib/db", message: prismaMessage },
  { name: "snowflake-sdk", message: "Only lib/snowflake talks to Snowflake." },
];
const uiBannedPatterns = [
  { group: ["@prisma/*", "@/lib/generated/prisma/*", "**/lib/generated/prisma/*"], message: prismaMessage },
];
const componentsBannedPattern = {
  regex: "^(@/|(\\.\\./)+)app/",
  message:
    "components/ never imports app/: take the server action as a prop from the page (as the portal's components do).",
};
const libBannedPattern = {
  regex: "^(@/|(\\.\\./)+)(app|components|scripts|reliability|emulator)/",
  message:
    "lib/ never imports app/, components/, scripts/, reliability/ or emulator/ (tests and testing/ folders may).",
};

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
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { paths: uiBannedPaths, patterns: uiBannedPatterns }] },
  },
  {
    // Components are the UI's building blocks: they receive server actions as props from app/ (see
    // components/console/decision-panel.tsx), so they never import app/ themselves.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: uiBannedPaths, patterns: [...uiBannedPatterns, componentsBannedPattern] },
      ],
    },
  },
  {
    // lib/ is the domain: the UI, scripts, the reliability suite and the emulator sit on top of it, never under it.
    // Tests and test harnesses (testing/ folders) may reach the emulator and the scripts' PostgreSQL helpers.
    files: ["lib/**"],
    ignores: ["**/*.test.ts", "**/testing/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [libBannedPattern] }] },
  },
  {
    // Not React: the emulator, scripts and test harnesses have functions named use… that are not hooks.
    files: ["emulator/**", "scripts/**", "**/testing/**", "**/*.test.ts", "e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  // Layout is Prettier's (npm run format): switch off the stylistic rules that would disagree with it.
  prettier,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    ".build/**", // the compiled worker (scripts/build-worker.mjs)
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
