import { publicRoute } from "@/lib/auth/route-guards";
import { checkDatabase } from "@/lib/health";

// Load balancers and the test runner poll this. No details beyond up/down: it is unauthenticated.
export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const db = await checkDatabase();
  return Response.json(
    { ok: db, db: db ? "up" : "down" },
    { status: db ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});
