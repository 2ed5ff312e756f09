import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { guardAuthRequest } from "@/lib/auth/auth-route-guard";
import { getAuthOptions } from "@/lib/auth/options";

// The options are built per call (memoised) rather than at import, so `next build` needs no configuration.
// Every request passes the guard first: body limit, field lengths, magic-link rate limits.
type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context) {
  const guarded = await guardAuthRequest(request, (await context.params).nextauth);
  if (guarded instanceof Response) return guarded;
  return NextAuth(guarded as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };
