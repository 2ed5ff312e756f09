import "server-only";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import type { Executors } from "@/lib/provisioning/runtime-types";

// One set of provider-account pools per web process for previews (the same bounded executors the
// provisioner uses, so preview reads count against each account's concurrency limit across all processes).
// Parked on globalThis because Next's dev server re-evaluates modules; pools are per-process resources,
// not shared state, so this holds as web instances scale out.

type PreviewExecutors = Executors & { close(): Promise<void> };
const globalForPreview = globalThis as unknown as { floePreviewExecutors?: PreviewExecutors };

export function previewExecutors(): PreviewExecutors {
  globalForPreview.floePreviewExecutors ??= createProviderExecutors();
  return globalForPreview.floePreviewExecutors;
}

/** For tests and shutdown hooks: closes the pools; the next preview opens new ones. */
export async function closePreviewExecutors(): Promise<void> {
  const executors = globalForPreview.floePreviewExecutors;
  globalForPreview.floePreviewExecutors = undefined;
  await executors?.close();
}
