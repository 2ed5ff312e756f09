// Every server action and route handler, discovered from the source tree rather than listed by hand:
// each `app/**/actions.ts` module's exported functions, and each `app/**/route.ts` module's exported HTTP
// methods. Modules are imported (not grepped), so re-exports and aliases (`export { handler as GET }`) count.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type DiscoveredEndpoint = {
  /** `action <file>#<export>` or `route <METHOD> <url path pattern>`. */
  id: string;
  kind: "action" | "route";
  file: string;
  exportName: string;
  fn: (...args: never[]) => Promise<unknown>;
};

function walk(dir: string, name: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, name, found);
    else if (entry.name === name) found.push(full);
  }
  return found;
}

/** `app/api/orgs/[orgSlug]/status/route.ts` → `/api/orgs/[orgSlug]/status`; route groups `(x)` drop out. */
export function urlPattern(file: string): string {
  const segments = path.relative(path.join(repoRoot, "app"), path.dirname(file)).split(path.sep);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
}

export async function discoverEndpoints(): Promise<DiscoveredEndpoint[]> {
  const app = path.join(repoRoot, "app");
  const out: DiscoveredEndpoint[] = [];
  for (const file of walk(app, "actions.ts").sort()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const rel = path.relative(repoRoot, file);
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      out.push({
        id: `action ${rel}#${exportName}`,
        kind: "action",
        file: rel,
        exportName,
        fn: value as DiscoveredEndpoint["fn"],
      });
    }
  }
  for (const file of walk(app, "route.ts").sort()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (!HTTP_METHODS.has(exportName) || typeof value !== "function") continue;
      out.push({
        id: `route ${exportName} ${urlPattern(file)}`,
        kind: "route",
        file: path.relative(repoRoot, file),
        exportName,
        fn: value as DiscoveredEndpoint["fn"],
      });
    }
  }
  return out;
}
