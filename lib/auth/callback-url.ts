// Where to send someone after signing in. Only same-site paths are accepted, so a crafted link cannot turn
// the sign-in page into an open redirect. No server imports: the sign-in form uses it too.

export function safeCallbackPath(value: string | null | undefined, fallback = "/"): string {
  if (!value) return fallback;
  // Browsers drop tabs and newlines from a URL before parsing it (WHATWG URL), so "/\t/evil.example" would
  // navigate to evil.example: no control characters at all.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let candidate = value;
  // next-auth hands back absolute URLs; keep only their path on our origin.
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (candidate.startsWith("/signin") || candidate.startsWith("/api/auth")) return fallback;
  return candidate;
}

export function signInUrl(callbackPath: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(callbackPath)}`;
}
