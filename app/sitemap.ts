import type { MetadataRoute } from "next";
import { sitemapEntries } from "@/lib/catalogue/search";
import { env } from "@/lib/env";
import { locales } from "@/lib/i18n/locales";
import { languageAlternates } from "@/lib/i18n/alternates";
import { localizedPath } from "@/lib/i18n/paths";

// GET /sitemap.xml — the shop's public pages in every language (English unprefixed, /de, /es), each entry with
// its hreflang alternates: home, indexes, help and policies, every destination and region, every active
// bundle. Built per request from the cached catalogue (the build has none to list).
export const dynamic = "force-dynamic";

type Frequency = "daily" | "weekly" | "monthly";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().appUrl;
  const { countries, regions, bundles, lastModified } = await sitemapEntries();
  const catalogueModified = lastModified ? new Date(lastModified) : undefined;
  const page = (path: string, priority: number, changeFrequency: Frequency, lastMod = catalogueModified) => {
    const languages = Object.fromEntries(
      Object.entries(languageAlternates(path)).map(([lang, href]) => [lang, `${base}${href}`]),
    );
    return locales.map((locale) => ({
      url: `${base}${localizedPath(locale, path)}`,
      ...(lastMod ? { lastModified: lastMod } : {}),
      changeFrequency,
      priority,
      alternates: { languages },
    }));
  };
  return [
    page("/", 1, "daily"),
    page("/destinations", 0.9, "daily"),
    page("/regions", 0.8, "weekly"),
    page("/help/install", 0.6, "monthly", undefined),
    page("/devices", 0.5, "monthly", undefined),
    page("/faq", 0.5, "monthly", undefined),
    page("/contact", 0.4, "monthly", undefined),
    page("/terms", 0.2, "monthly", undefined),
    page("/refund-policy", 0.2, "monthly", undefined),
    page("/privacy", 0.2, "monthly", undefined),
    ...countries.map((slug) => page(`/destinations/${slug}`, 0.8, "daily")),
    ...regions.map((slug) => page(`/regions/${slug}`, 0.7, "weekly")),
    ...bundles.map((name) => page(`/bundles/${encodeURIComponent(name)}`, 0.5, "weekly")),
  ].flat();
}
