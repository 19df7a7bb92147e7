import type { MetadataRoute } from "next";
import { sitemapEntries } from "@/lib/catalogue/search";
import { env } from "@/lib/env";

// GET /sitemap.xml — the shop's public pages: home, indexes, every destination and region, every active
// bundle. Built per request from the cached catalogue (the build has none to list).
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().appUrl;
  const { countries, regions, bundles, lastModified } = await sitemapEntries();
  const catalogueModified = lastModified ? new Date(lastModified) : undefined;
  const page = (
    path: string,
    priority: number,
    changeFrequency: "daily" | "weekly" | "monthly",
    lastMod = catalogueModified,
  ) => ({
    url: `${base}${path}`,
    ...(lastMod ? { lastModified: lastMod } : {}),
    changeFrequency,
    priority,
  });
  return [
    page("/", 1, "daily"),
    page("/destinations", 0.9, "daily"),
    page("/regions", 0.8, "weekly"),
    page("/help/install", 0.6, "monthly", undefined),
    ...countries.map((slug) => page(`/destinations/${slug}`, 0.8, "daily")),
    ...regions.map((slug) => page(`/regions/${slug}`, 0.7, "weekly")),
    ...bundles.map((name) => page(`/bundles/${encodeURIComponent(name)}`, 0.5, "weekly")),
  ];
}
