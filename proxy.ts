import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/path-header";

// Server components cannot see the URL they render. Pass it along as a request header so `requireUser()`
// can send a signed-out visitor to the sign-in page and back. Any value sent by the client is overwritten.
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Pages only: not static assets, not the auth or health APIs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
