import { searchIndex } from "@/lib/catalogue/search";

// GET /search/suggestions.json — the destination type-ahead's index (countries and regions), fetched by the
// search box on first focus. Rendered per request from the cached catalogue (never at build time, which has
// no catalogue); browsers and CDNs may keep it for a few minutes.
export const dynamic = "force-dynamic";

export async function GET() {
  const entries = await searchIndex();
  return Response.json(entries, {
    headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=3600" },
  });
}
