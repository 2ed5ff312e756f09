// Runs once when a server instance starts: the place for start-up warnings an operator must see.
export async function register() {
  // The Edge runtime has no use for this (and no Node APIs); NEXT_RUNTIME is set by Next itself.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getConfig }, { warnIfDemoLoginInProduction }] = await Promise.all([
    import("@/lib/config"),
    import("@/lib/auth/demo-login-warning"),
  ]);
  try {
    warnIfDemoLoginInProduction(getConfig());
  } catch {
    // A configuration error is reported, with its one sentence, by the first request that needs it.
  }
}
