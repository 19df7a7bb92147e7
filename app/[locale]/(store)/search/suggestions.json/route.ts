import { searchIndex } from "@/lib/catalogue/search";
import { localeOr } from "@/lib/i18n/locales";

// GET /search/suggestions.json — the destination type-ahead's index (countries and regions, named in the
// page's language: /de/search/suggestions.json for a German page), fetched by the search box on first focus.
// Rendered per request from the cached catalogue (never at build time, which has no catalogue); browsers and
// CDNs may keep it for a few minutes.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const entries = await searchIndex(localeOr((await params).locale));
  return Response.json(entries, {
    headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=3600" },
  });
}
