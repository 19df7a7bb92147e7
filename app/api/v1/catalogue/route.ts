// GET /api/v1/catalogue — bundles at the partner's prices (scope catalogue:read).
import { json, partnerRoute } from "@/lib/partners/api";
import { partnerCatalogue } from "@/lib/partners/catalogue";
import { apiError } from "@/lib/partners/errors";
import { catalogueQuerySchema } from "@/lib/partners/schemas";

export const dynamic = "force-dynamic";

export const GET = partnerRoute("catalogue:read", async ({ db, partner, request }) => {
  const query = catalogueQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError(request, "invalid_request", "country must be an ISO 3166-1 alpha-2 code.");
  return json({ data: await partnerCatalogue(db, partner, query.data) });
});
