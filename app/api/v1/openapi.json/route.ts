// GET /api/v1/openapi.json — the reseller API's OpenAPI 3.1 document (public: it describes, it grants nothing).
import { env } from "@/lib/env";
import { openApiDocument } from "@/lib/partners/openapi";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(env().appUrl), { headers: { "cache-control": "public, max-age=300" } });
}
