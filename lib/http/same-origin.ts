// CSRF for the state-changing route handlers a page calls with the session cookie (the erasure CSV upload):
// the same rule Next.js applies to server actions — the browser's Origin header must name this host (the
// Host header, or X-Forwarded-Host behind a proxy, as Next compares them) — plus Fetch Metadata: a browser
// that says the call is cross-site is refused whatever the Origin. A cross-site form post or fetch cannot
// forge either header; a caller without an Origin (not a browser page) is refused too. Pure.

/** null when the request comes from a page of this site, else the sentence a 403 answers with. */
export function crossSiteProblem(request: Request): string | null {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin")
    return "This upload must come from Floe's own page (the browser said it is cross-site).";
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return "This upload must come from Floe's own page (no Origin header).";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "This upload must come from Floe's own page (the Origin header is not a URL).";
  }
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host)
    .split(",")[0]
    .trim();
  return originHost === host ? null : "This upload must come from Floe's own page (another site's Origin).";
}
