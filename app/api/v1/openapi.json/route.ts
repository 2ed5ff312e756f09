import { publicRoute } from "@/lib/auth/route-guards";
import { openApiDocument } from "@/lib/api/openapi";

// The public API's OpenAPI 3.1 document, generated from the zod schemas the routes use. No token needed.
export const GET = publicRoute(async () => Response.json(openApiDocument()));
