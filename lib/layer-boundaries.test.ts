// The import boundaries of eslint.config.mjs, proven on deliberate violations: each case lints a small
// in-memory file at a path inside the layer (ESLint's Node API, the project's real config) and expects the
// rule to fire — or, for the allowed cases, not to. A rule that stopped matching would pass lint silently.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(filePath: string, specifier: string): Promise<string[]> {
  const code = `import { x } from ${JSON.stringify(specifier)};\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const violations: [file: string, specifier: string, says: RegExp][] = [
  ["components/console/example-panel.tsx", "@/app/(console)/console/actions", /never imports app\//],
  ["components/portal/example.ts", "../../app/(portal)/o/[orgSlug]/requests/new/actions", /never imports app\//],
  ["components/ui/example.tsx", "@/lib/db", /instead of Prisma/],
  ["components/ui/example.ts", "@prisma/client", /instead of Prisma/],
  ["app/api/example/route.ts", "@/lib/db", /instead of Prisma/],
  ["app/api/example/route.ts", "snowflake-sdk", /Only lib\/snowflake/],
  ["app/(console)/console/example/page.tsx", "@/lib/generated/prisma/client", /instead of Prisma/],
  ["app/(portal)/o/[orgSlug]/example.ts", "../../../lib/generated/prisma/enums", /instead of Prisma/],
  ["lib/provisioning/example.ts", "@/emulator/index", /lib\/ never imports/],
  ["lib/example.ts", "../scripts/lib/postgres", /lib\/ never imports/],
  ["lib/requests/example.ts", "../../scripts/lib/postgres", /lib\/ never imports/],
  ["lib/console/example.ts", "@/app/(console)/console/actions", /lib\/ never imports/],
  ["lib/portal/example.ts", "@/components/ui/button", /lib\/ never imports/],
  ["lib/catalog/example.ts", "@/reliability/hostile-inputs", /lib\/ never imports/],
];

const allowed: [file: string, specifier: string][] = [
  ["app/(console)/console/example/page.tsx", "@/components/console/decision-panel"],
  ["app/(console)/console/example/page.tsx", "@/lib/console/request-review"],
  ["components/console/example-panel.tsx", "@/lib/requests/state-machine"],
  ["lib/provisioning/example.ts", "@/lib/db"],
  ["lib/provisioning/example.test.ts", "@/emulator/testing/start-test-emulator"],
  ["lib/provisioning/testing/example.ts", "@/emulator/index"],
  ["lib/testing/example.ts", "../../scripts/lib/postgres"],
];

describe("layer boundaries (eslint.config.mjs)", () => {
  it.each(violations)("%s may not import %s", async (file, specifier, says) => {
    const errors = await boundaryErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  });

  it.each(allowed)("%s may import %s", async (file, specifier) => {
    expect(await boundaryErrors(file, specifier)).toEqual([]);
  });
});
