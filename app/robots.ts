import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

// GET /robots.txt — everything public is crawlable; money, accounts and admin pages are not.
// Per request: the sitemap address comes from APP_URL at run time, which a build need not know.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  const base = env().appUrl;
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/account", "/admin", "/checkout"] },
    sitemap: `${base}/sitemap.xml`,
    host: base,
  };
}
