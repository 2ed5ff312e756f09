import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/path-header";
import { getConfig } from "@/lib/config";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  newNonce,
  strictTransportSecurity,
} from "@/lib/security/security-headers";

// Runs before every page and API request (not static assets):
// - a URL with a NUL (%00) gets 400;
// - pages get a Content-Security-Policy with a fresh nonce. It is set on the request too, because that is
//   where Next.js reads the nonce it puts on its own scripts (lib/security/security-headers.ts says why);
// - API answers get a policy that loads nothing;
// - HSTS when the public URL is https;
// - server components cannot see the URL they render, so the path travels as a request header and
//   `requireUser()` can send a signed-out visitor to the sign-in page and back. Client values are overwritten.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A NUL (%00, still encoded here) is never valid in a path segment or parameter, and PostgreSQL text
  // cannot hold one: a page or route would pass it to a query and answer 500. Refused before any of them.
  if (pathname.includes("%00") || search.includes("%00")) {
    return new NextResponse("Bad request: the URL contains a NUL character (%00).", {
      status: 400,
      headers: { "Content-Security-Policy": API_CONTENT_SECURITY_POLICY, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const settings = getConfig();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  let csp = API_CONTENT_SECURITY_POLICY;
  if (!pathname.startsWith("/api/")) {
    csp = contentSecurityPolicy({ nonce: newNonce(), development: settings.NODE_ENV === "development" });
    requestHeaders.set("Content-Security-Policy", csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(settings.NEXTAUTH_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Everything but build assets (immutable files under /_next/static and the image optimizer).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
