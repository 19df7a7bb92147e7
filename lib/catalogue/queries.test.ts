import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { testDbKinds } from "@/lib/db/testing";
import { openProcessTestDatabase } from "@/test/databases";
import type { DbHandle } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { syncCatalogue } from "./sync";
import {
  alternativeBundles,
  bundlesForCountry,
  bundlesForRegion,
  getBundle,
  getCountry,
  getRegion,
  listDestinations,
  listRegions,
  parseCountryFilters,
  popularDestinations,
  POPULAR_DESTINATIONS,
  type BundleView,
} from "./queries";
import { searchDestinations, searchIndex, sitemapEntries } from "./search";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => sandbox?.close());

const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

// The suites only read the synced catalogue; the one test that changes a row puts it back.
describe.each(testDbKinds())("catalogue queries on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openProcessTestDatabase(kind);
    await syncCatalogue({ db: handle.db, providers: ["esim-go"], log: { info: () => {}, warn: () => {} } });
  });
  afterAll(async () => handle?.close());

  const coveringJp = async () =>
    (
      await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(bundles)
        .where(sql`active and countries @> array['JP']`)
    )[0]!.n;

  it("lists every destination we sell, by name, with from-prices of the country's own bundles", async () => {
    const destinations = await listDestinations();
    expect(destinations.length).toBeGreaterThan(150);
    const names = destinations.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    const jp = destinations.find((d) => d.iso === "JP")!;
    const [cheapest] = await handle.db
      .select({ min: sql<number>`min(price_minor)::int` })
      .from(bundles)
      .where(sql`active and scope = 'country' and country = 'JP'`);
    expect(jp).toEqual({
      iso: "JP",
      slug: "japan",
      name: "Japan",
      flag: "🇯🇵",
      fromPriceMinor: cheapest!.min,
      currency: "USD",
      bundleCount: await coveringJp(),
    });
    expect(destinations.every((d) => d.bundleCount > 0 && d.fromPriceMinor > 0)).toBe(true);
  });

  it("lists popular destinations in the fixed order", async () => {
    const popular = await popularDestinations();
    expect(popular.map((d) => d.iso)).toEqual(POPULAR_DESTINATIONS.filter((iso) => popular.some((d) => d.iso === iso)));
    expect(popular.slice(0, 3).map((d) => d.slug)).toEqual(["japan", "united-states", "united-kingdom"]);
  });

  it("lists regions with global last", async () => {
    const regions = await listRegions();
    const slugs = regions.map((r) => r.slug);
    expect(slugs).toEqual(expect.arrayContaining(["europe", "asia", "latin-america", "middle-east", "global"]));
    expect(slugs.at(-1)).toBe("global");
    const asia = regions.find((r) => r.slug === "asia")!;
    const region = await getRegion("asia");
    expect(asia.countryCount).toBe(region!.countries.length);
    expect(asia.bundleCount).toBe((await bundlesForRegion("asia")).length);
  });

  it("resolves a country by code or slug, only when we sell it", async () => {
    const japan = { iso: "JP", slug: "japan", name: "Japan", flag: "🇯🇵" };
    expect(await getCountry("jp")).toEqual(japan);
    expect(await getCountry("JP")).toEqual(japan);
    expect(await getCountry("japan")).toEqual(japan);
    expect(await getCountry("atlantis")).toBeNull();
    // A real ISO country the catalogue does not cover.
    expect(await getCountry("aq")).toBeNull();
  });

  it("returns a country's own, regional and global bundles, cheapest first", async () => {
    const { bundles: list, total } = await bundlesForCountry("JP", parseCountryFilters({}));
    expect(total).toBe(await coveringJp());
    expect(list).toHaveLength(total);
    expect(new Set(list.map((b) => b.scope))).toEqual(new Set(["country", "regional", "global"]));
    expect(
      list.filter((b) => b.scope === "regional").every((b) => b.region === "asia" && b.regionName === "Asia"),
    ).toBe(true);
    expect(list.every((b) => b.countries.includes("JP"))).toBe(true);
    expect(nonDecreasing(list.map((b) => b.priceMinor))).toBe(true);
    const own = list.find((b) => b.name === "esim_5GB_30D_JP_V2")!;
    expect(own).toMatchObject({
      country: "JP",
      dataMb: 5000,
      durationDays: 30,
      title: "Japan 5 GB · 30 days",
      countryCount: 1,
    });
    expect(own.pricePerGbMinor).toBe(Math.round(own.priceMinor / 5));
  });

  it("filters and sorts", async () => {
    const get = async (query: string) =>
      (await bundlesForCountry("JP", parseCountryFilters(new URLSearchParams(query)))).bundles;
    const small = await get("data=1-3");
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((b) => !b.unlimited && b.dataMb! <= 3000)).toBe(true);
    const mid = await get("data=5-10");
    expect(mid.every((b) => !b.unlimited && b.dataMb! > 3000 && b.dataMb! <= 10_000)).toBe(true);
    const big = await get("data=20%2B");
    expect(big.some((b) => b.unlimited)).toBe(true);
    expect(big.every((b) => b.unlimited || b.dataMb! > 10_000)).toBe(true);

    expect((await get("duration=1-7")).every((b) => b.durationDays <= 7)).toBe(true);
    expect((await get("duration=16-30")).every((b) => b.durationDays >= 16 && b.durationDays <= 30)).toBe(true);
    expect(
      (await get("unlimited=only")).every((b) => b.unlimited && b.dataMb === null && b.pricePerGbMinor === null),
    ).toBe(true);
    expect((await get("unlimited=exclude")).every((b) => !b.unlimited)).toBe(true);
    const cheap = await get("maxPrice=10");
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.every((b) => b.priceMinor <= 1000)).toBe(true);
    expect((await get("scope=country")).every((b) => b.scope === "country")).toBe(true);
    expect((await get("scope=regional")).every((b) => b.scope !== "country")).toBe(true);

    const byValue = await get("sort=price-per-gb");
    const firstUnlimited = byValue.findIndex((b) => b.unlimited);
    expect(firstUnlimited).toBeGreaterThan(0);
    expect(byValue.slice(firstUnlimited).every((b) => b.unlimited)).toBe(true);
    expect(nonDecreasing(byValue.slice(0, firstUnlimited).map((b) => b.pricePerGbMinor!))).toBe(true);
    expect(nonDecreasing((await get("sort=duration")).map((b) => b.durationDays))).toBe(true);

    // Garbage in the URL is ignored rather than breaking the page.
    expect(await get("data=lots&sort=%27;drop")).toEqual(await get(""));
  });

  it("hides inactive bundles from listings but still finds them by name", async () => {
    const name = "esim_2GB_15D_JP_V2";
    await handle.db.update(bundles).set({ active: false }).where(eq(bundles.name, name));
    try {
      const { bundles: list, total } = await bundlesForCountry("JP", {});
      expect(list.map((b) => b.name)).not.toContain(name);
      expect(total).toBe(list.length);
      expect(await getBundle(name)).toMatchObject({ name, active: false });
      expect((await alternativeBundles("esim_3GB_30D_JP_V2", 50)).map((b) => b.name)).not.toContain(name);
    } finally {
      await handle.db.update(bundles).set({ active: true }).where(eq(bundles.name, name));
    }
  });

  it("describes a region and its bundles; global has its own", async () => {
    const asia = await getRegion("asia");
    expect(asia?.name).toBe("Asia");
    expect(asia?.countries).toContainEqual({ iso: "JP", name: "Japan", flag: "🇯🇵" });
    const names = asia!.countries.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    expect((await getRegion("Europe"))?.slug).toBe("europe");
    expect(await getRegion("narnia")).toBeNull();

    const regional = await bundlesForRegion("asia");
    expect(regional.length).toBeGreaterThan(0);
    expect(regional.every((b) => b.scope === "regional" && b.region === "asia" && b.title.startsWith("Asia "))).toBe(
      true,
    );
    const global = await bundlesForRegion("global");
    expect(global.length).toBeGreaterThan(0);
    expect(global.every((b) => b.scope === "global" && b.region === "global" && b.title.startsWith("Global "))).toBe(
      true,
    );
  });

  it("returns one bundle as a plain object without wholesale cost", async () => {
    const b = await getBundle("esim_1GB_7D_JP_V2");
    expect(b).toMatchObject({
      name: "esim_1GB_7D_JP_V2",
      active: true,
      title: "Japan 1 GB · 7 days",
      countriesDetailed: [{ iso: "JP", slug: "japan", name: "Japan", flag: "🇯🇵" }],
    });
    expect(b).not.toHaveProperty("wholesaleMinor");
    // No PLAN_HOTSPOT here: the page says nothing about hotspots rather than guess.
    expect(b!.hotspot).toBeNull();
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
    expect(await getBundle("esim_nope")).toBeNull();
  });

  it("offers up to three alternatives for the same destination, never the bundle itself", async () => {
    const alternatives = await alternativeBundles("esim_5GB_30D_JP_V2");
    expect(alternatives).toHaveLength(3);
    expect(alternatives.map((b) => b.name)).not.toContain("esim_5GB_30D_JP_V2");
    expect(alternatives.every((b) => b.countries.includes("JP"))).toBe(true);
    // Closest first: the neighbours on Japan's own ladder.
    expect(alternatives[0]?.scope).toBe("country");
    expect(alternatives.map((b) => b.dataMb)).toEqual(expect.arrayContaining([3000, 10_000]));

    const regional = await alternativeBundles("esim_5GB_30D_RAS_V2", 2);
    expect(regional).toHaveLength(2);
    expect(regional.every((b: BundleView) => b.region === "asia" && b.name !== "esim_5GB_30D_RAS_V2")).toBe(true);
    expect(await alternativeBundles("esim_nope")).toEqual([]);
  });

  it("builds a compact search index and finds destinations however they are typed", async () => {
    const index = await searchIndex();
    expect(index).toContainEqual({
      label: "Japan",
      href: "/destinations/japan",
      kind: "country",
      keywords: "jp japon",
      flag: "🇯🇵",
    });
    expect(index).toContainEqual(expect.objectContaining({ label: "Europe", href: "/regions/europe", kind: "region" }));
    expect(JSON.stringify(index).length).toBeLessThan(30_000);

    expect((await searchDestinations("japan"))[0]?.href).toBe("/destinations/japan");
    expect((await searchDestinations("JP"))[0]?.href).toBe("/destinations/japan");
    expect((await searchDestinations("  Jap "))[0]?.href).toBe("/destinations/japan");
    expect((await searchDestinations("cote d'ivoire"))[0]?.href).toBe("/destinations/cote-divoire");
    expect((await searchDestinations("CÔTE"))[0]?.href).toBe("/destinations/cote-divoire");
    expect((await searchDestinations("turkey"))[0]?.label).toBe("Türkiye");
    expect((await searchDestinations("usa"))[0]?.href).toBe("/destinations/united-states");
    expect((await searchDestinations("united-kingdom"))[0]?.href).toBe("/destinations/united-kingdom");
    expect((await searchDestinations("europe")).map((e) => e.href)).toContain("/regions/europe");
    expect(await searchDestinations("zzzz")).toEqual([]);
    // A country's name in any language the shop speaks finds it, from any page.
    for (const [typed, href] of <[string, string][]>[
      ["Deutschland", "/destinations/germany"],
      ["Alemania", "/destinations/germany"],
      ["Spanien", "/destinations/spain"],
      ["Japón", "/destinations/japan"],
      ["japon", "/destinations/japan"],
      ["Asien", "/regions/asia"],
    ])
      for (const locale of ["en", "de", "es"] as const)
        expect((await searchDestinations(typed, locale))[0]?.href, `${typed} on ${locale}`).toBe(href);
    // And the results are named in the page's language.
    expect((await searchDestinations("germany", "de"))[0]?.label).toBe("Deutschland");
    expect((await searchDestinations("Deutschland", "es"))[0]?.label).toBe("Alemania");
    expect((await searchIndex("es")).find((e) => e.href === "/destinations/japan")).toMatchObject({
      label: "Japón",
      keywords: expect.stringContaining("japan"),
    });
    for (const locale of ["de", "es"] as const)
      expect(JSON.stringify(await searchIndex(locale)).length).toBeLessThan(30_000);
    expect(await searchDestinations("   ")).toEqual([]);
  });

  it("lists sitemap entries", async () => {
    const entries = await sitemapEntries();
    expect(entries.countries).toContain("japan");
    expect(entries.regions).toContain("global");
    const [active] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(bundles)
      .where(eq(bundles.active, true));
    expect(entries.bundles).toHaveLength(active!.n);
    expect(entries.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
