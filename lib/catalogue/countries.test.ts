import { describe, expect, it } from "vitest";
import {
  allCountries,
  countryName,
  countrySlug,
  flagEmoji,
  normaliseRegion,
  regionName,
  resolveCountryParam,
  slugify,
} from "./countries";

describe("countries", () => {
  it("names, slugs and flags ISO codes", () => {
    expect(countryName("JP")).toBe("Japan");
    expect(countryName("us")).toBe("United States");
    expect(countrySlug("JP")).toBe("japan");
    expect(countrySlug("US")).toBe("united-states");
    expect(countrySlug("BA")).toBe("bosnia-and-herzegovina");
    expect(countrySlug("CI")).toBe("cote-divoire");
    expect(countrySlug("MD")).toBe("moldova");
    expect(flagEmoji("JP")).toBe("🇯🇵");
    expect(flagEmoji("gb")).toBe("🇬🇧");
    expect(flagEmoji("nope")).toBe("");
  });

  it("gives every country a unique ASCII slug that resolves back to it", () => {
    const countries = allCountries();
    expect(countries.length).toBeGreaterThan(240);
    const slugs = new Set<string>();
    for (const c of countries) {
      expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(slugs.has(c.slug)).toBe(false);
      slugs.add(c.slug);
      expect(resolveCountryParam(c.slug)).toBe(c.iso);
      expect(resolveCountryParam(c.iso.toLowerCase())).toBe(c.iso);
      expect(c.flag).toBe(flagEmoji(c.iso));
    }
  });

  it("is sorted by name", () => {
    const names = allCountries().map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("resolves codes, slugs and other names; unknown is null", () => {
    expect(resolveCountryParam("jp")).toBe("JP");
    expect(resolveCountryParam("JP")).toBe("JP");
    expect(resolveCountryParam("jpn")).toBe("JP");
    expect(resolveCountryParam("japan")).toBe("JP");
    expect(resolveCountryParam("Japan")).toBe("JP");
    expect(resolveCountryParam("united-states")).toBe("US");
    expect(resolveCountryParam("usa")).toBe("US");
    expect(resolveCountryParam("uk")).toBe("GB");
    expect(resolveCountryParam("turkey")).toBe("TR");
    expect(resolveCountryParam("C%C3%B4te%20d'Ivoire")).toBe("CI");
    expect(resolveCountryParam("atlantis")).toBeNull();
    expect(resolveCountryParam("zz")).toBeNull();
    expect(resolveCountryParam("")).toBeNull();
    // "Congo" is an alias of two countries: ambiguous, so it resolves to neither.
    expect(resolveCountryParam("congo")).toBeNull();
  });

  it("slugifies names to stable ASCII", () => {
    expect(slugify("Åland Islands")).toBe("aland-islands");
    expect(slugify("Saint Martin (French part)")).toBe("saint-martin-french-part");
    expect(slugify("Trinidad & Tobago")).toBe("trinidad-and-tobago");
  });
});

describe("regions", () => {
  it("normalises provider region names, labels and zone codes", () => {
    expect(normaliseRegion("Europe")).toBe("europe");
    expect(normaliseRegion("Europe+")).toBe("europe");
    expect(normaliseRegion("REUP")).toBe("europe");
    expect(normaliseRegion("LATAM")).toBe("latin-america");
    expect(normaliseRegion("Middle East")).toBe("middle-east");
    expect(normaliseRegion("Middle East and North Africa")).toBe("middle-east");
    expect(normaliseRegion("North America")).toBe("north-america");
    expect(normaliseRegion("Balkans")).toBe("balkans");
    expect(normaliseRegion("Caribbean")).toBe("caribbean");
    expect(normaliseRegion("Global")).toBe("global");
    expect(normaliseRegion("RGB")).toBe("global");
    expect(normaliseRegion("Asia+")).toBe("asia");
    expect(normaliseRegion("Narnia")).toBeNull();
  });

  it("names regions, including ones we have not listed", () => {
    expect(regionName("europe")).toBe("Europe");
    expect(regionName("global")).toBe("Global");
    expect(regionName("south-pacific")).toBe("South Pacific");
  });
});
