// Bench 4 — Bundle. First-load JS per route of a production build, built into .next-bench (NEXT_DIST_DIR)
// so it never collides with anyone's .next. Sizes: raw and gzip (level 9) of every chunk a route loads
// first, read from the build's own per-route list (diagnostics/route-bundle-stats.json, Next 16), with
// app-build-manifest.json (webpack builds) as a fallback.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { runToCompletion } from "../scripts/lib/processes";
import { table } from "./lib/markdown";
import { isMain, main, type BenchBody } from "./lib/run";

// BENCH_DIST_DIR picks another directory (e.g. one per helper sharing a machine).
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
const distPath = path.resolve(BENCH_DIST_DIR);

export function hasBenchBuild(): boolean {
  return fs.existsSync(path.join(distPath, "BUILD_ID"));
}

/** `next build` into .next-bench; returns seconds taken. */
export async function buildForBench(env: Record<string, string | undefined> = {}): Promise<number> {
  const started = Date.now();
  const code = await runToCompletion(path.resolve("node_modules/.bin/next"), ["build"], {
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    FLOE_DEMO_LOGIN: "1",
    NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-for-next-auth",
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://bench:bench@127.0.0.1:1/unused",
    ...env,
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  return Math.round((Date.now() - started) / 100) / 10;
}

type RouteSize = { route: string; files: number; rawBytes: number; gzipBytes: number };

const gzipCache = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string): { raw: number; gzip: number } {
  let cached = gzipCache.get(file);
  if (!cached) {
    const content = fs.readFileSync(file);
    cached = { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
    gzipCache.set(file, cached);
  }
  return cached;
}

/** A chunk path from a manifest ("static/…", "/_next/static/…", ".next/static/…") → a file in the dist dir. */
function chunkFile(p: string): string {
  const rel = p.replace(/^\/?_next\//, "").replace(/^\.?\/?[^/]*\.next[^/]*\//, "");
  return path.join(distPath, rel);
}

export function routeSizes(): { source: string; routes: RouteSize[]; shared: RouteSize } {
  let source = "";
  let routes: { route: string; chunks: string[] }[] = [];
  const stats = path.join(distPath, "diagnostics", "route-bundle-stats.json");
  const appManifest = path.join(distPath, "app-build-manifest.json");
  if (fs.existsSync(stats)) {
    source = "diagnostics/route-bundle-stats.json";
    routes = (JSON.parse(fs.readFileSync(stats, "utf8")) as { route: string; firstLoadChunkPaths: string[] }[]).map(
      (r) => ({ route: r.route, chunks: r.firstLoadChunkPaths }),
    );
  } else if (fs.existsSync(appManifest)) {
    source = "app-build-manifest.json";
    const pages = (JSON.parse(fs.readFileSync(appManifest, "utf8")) as { pages: Record<string, string[]> }).pages;
    routes = Object.entries(pages).map(([route, chunks]) => ({
      route,
      chunks: chunks.filter((c) => c.endsWith(".js")),
    }));
  } else {
    throw new Error(
      `No per-route manifest in ${BENCH_DIST_DIR} (expected diagnostics/route-bundle-stats.json or app-build-manifest.json)`,
    );
  }
  const measure = (route: string, chunks: string[]): RouteSize => {
    const files = [...new Set(chunks.map(chunkFile))].filter((f) => fs.existsSync(f));
    return files.reduce(
      (acc, f) => ({
        ...acc,
        files: acc.files + 1,
        rawBytes: acc.rawBytes + sizeOf(f).raw,
        gzipBytes: acc.gzipBytes + sizeOf(f).gzip,
      }),
      { route, files: 0, rawBytes: 0, gzipBytes: 0 },
    );
  };
  const build = JSON.parse(fs.readFileSync(path.join(distPath, "build-manifest.json"), "utf8")) as {
    rootMainFiles?: string[];
    polyfillFiles?: string[];
  };
  return {
    source,
    routes: routes.map((r) => measure(r.route, r.chunks)).sort((a, b) => a.route.localeCompare(b.route)),
    shared: measure("(shared by all: rootMainFiles)", build.rootMainFiles ?? []),
  };
}

export const bundleBench: BenchBody = async (options, notes) => {
  let buildSeconds: number | null = null;
  if (options.reuseBuild && hasBenchBuild())
    notes.push(`bundle: reused the existing ${BENCH_DIST_DIR} build (--reuse-build)`);
  else buildSeconds = await buildForBench();
  const { source, routes, shared } = routeSizes();
  const kb = (b: number) => (b / 1024).toFixed(1);
  const markdown = [
    `### Bundle: first-load JS per route (production build in ${BENCH_DIST_DIR}${buildSeconds !== null ? `, built in ${buildSeconds} s` : ""}; from ${source})`,
    "",
    table(
      ["route", "chunks", "raw kB", "gzip kB"],
      [...routes, shared].map((r) => [r.route, String(r.files), kb(r.rawBytes), kb(r.gzipBytes)]),
    ),
    "",
  ].join("\n");
  return {
    title: "Bundle",
    settings: { distDir: BENCH_DIST_DIR },
    data: { source, buildSeconds, routes, shared },
    markdown,
  };
};

if (isMain(import.meta.url)) {
  await main("bundle", bundleBench, async () => {});
}
