// The sitemap as a search engine reads it: every public page in English, German and Spanish, each entry naming
// the other two and an x-default.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

vi.mock("@/lib/catalogue/search", () => ({
  sitemapEntries: async () => ({
    countries: ["japan"],
    regions: ["europe"],
    bundles: ["esim_1GB_7D_JP_V2"],
    lastModified: "2026-12-01T00:00:00Z",
  }),
}));

const APP = "https://shop.example";

beforeEach(() => {
  vi.stubEnv("APP_URL", APP);
  resetEnvCache();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("sitemap", () => {
  it("lists each public page in every language, with hreflang alternates and an English x-default", async () => {
    const { default: sitemap } = await import("./sitemap");
    const entries = await sitemap();
    const urls = entries.map((e) => e.url);
    for (const path of ["", "/destinations/japan", "/regions/europe", "/bundles/esim_1GB_7D_JP_V2", "/faq"]) {
      expect(urls).toContain(`${APP}${path || "/"}`);
      expect(urls).toContain(`${APP}/de${path}`);
      expect(urls).toContain(`${APP}/es${path}`);
    }
    const german = entries.find((e) => e.url === `${APP}/de/destinations/japan`)!;
    expect(german.alternates?.languages).toEqual({
      en: `${APP}/destinations/japan`,
      de: `${APP}/de/destinations/japan`,
      es: `${APP}/es/destinations/japan`,
      "x-default": `${APP}/destinations/japan`,
    });
    expect(entries.find((e) => e.url === `${APP}/`)!.alternates?.languages).toMatchObject({ de: `${APP}/de` });
    expect(new Set(urls).size).toBe(urls.length);
  });
});
