// Builds the provisioning worker into plain JavaScript (one ES module, .build/worker/worker.mjs) so it runs on
// plain node with no TypeScript loader at run time: `npm run worker` and `npm run dev` build it, then run it as
// `node --conditions=react-server .build/worker/worker.mjs` (the condition makes `server-only` importable outside
// Next.js, as tsx's flag did). Floe's own code (scripts/, lib/, the generated Prisma client) is bundled; packages
// stay in node_modules and are imported from there (snowflake-sdk, pg, pg-boss, Prisma's runtime load files and
// native parts by path). A rebuild takes about a second; it is skipped when the bundle is newer than every source.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const outfile = path.join(root, ".build/worker/worker.mjs");

function newestSource(dir, newest = 0) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (/\.(ts|tsx|mts|js|mjs|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(...["lib", "scripts", "prisma"].map((d) => newestSource(path.join(root, d))));
const built = fs.existsSync(outfile) ? fs.statSync(outfile).mtimeMs : 0;
if (built > sources && !process.argv.includes("--force")) process.exit(0);

const started = performance.now();
await build({
  entryPoints: [path.join(root, "scripts/worker.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  conditions: ["react-server"],
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled CommonJS helpers may call require(); give the module one.
  banner: {
    js: "import { createRequire as floeCreateRequire } from 'node:module'; const require = floeCreateRequire(import.meta.url);",
  },
});
console.log(`built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
