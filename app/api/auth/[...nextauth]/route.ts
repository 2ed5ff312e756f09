import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// The options are built per call (memoised) rather than at import, so `next build` needs no configuration.
type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };
