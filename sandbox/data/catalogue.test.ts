import { describe, expect, it } from "vitest";
import { FIXED_LADDER, findBundle, loadCatalogue, loadCountries, seededFraction } from "./catalogue";

const NAME = /^esim_(\d+GB|ULE)_\d+D_[A-Z0-9]+_V2$/;
const codeOf = (name: string) => name.split("_")[3]!;

describe("sandbox catalogue", () => {
  const bundles = loadCatalogue();

  it("is large and covers every destination sold", () => {
    expect(bundles.length).toBeGreaterThanOrEqual(3000);
    const single = new Set(bundles.filter((b) => b.countries.length === 1).map((b) => b.countries[0]!.iso));
    expect(single.size).toBeGreaterThanOrEqual(190);
    expect(new Set(loadCountries().map((c) => c.iso))).toEqual(single);
    // Spot checks against the ISO data: names from i18n-iso-countries, regions in eSIM Go's vocabulary.
    expect(findBundle("esim_1GB_7D_GB_V2")?.countries).toMatchObject([
      { name: "United Kingdom", region: "Europe", iso: "GB" },
    ]);
    // Networks per country with their speeds, as eSIM Go's countries[].networks.
    expect(findBundle("esim_1GB_7D_JP_V2")?.countries[0]?.networks?.map((n) => n.name)).toEqual([
      "NTT Docomo",
      "SoftBank",
      "KDDI au",
    ]);
    for (const n of findBundle("esim_1GB_7D_JP_V2")!.countries[0]!.networks!)
      expect(findBundle("esim_1GB_7D_JP_V2")!.speed).toEqual(expect.arrayContaining(n.speeds));
    expect(findBundle("esim_1GB_7D_JP_V2")?.countries[0]?.region).toBe("Asia");
    expect(findBundle("esim_1GB_7D_AQ_V2")).toBeUndefined();
  });

  it("names bundles the way eSIM Go does, uniquely", () => {
    const names = bundles.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    for (const b of bundles) expect(b.name).toMatch(NAME);
    expect(findBundle("esim_ULE_7D_JP_V2")).toMatchObject({
      unlimited: true,
      dataAmount: -1,
      groups: ["Standard Unlimited Essential"],
    });
    expect(findBundle("esim_5GB_30D_REUP_V2")).toMatchObject({
      unlimited: false,
      dataAmount: 5000,
      duration: 30,
      groups: ["Standard Fixed"],
    });
    expect(findBundle("ESIM_1GB_7D_GB_V2")).toBeUndefined(); // case-sensitive, like the real catalogue
  });

  it("has regional and global bundles covering many countries", () => {
    const europe = findBundle("esim_1GB_7D_REUP_V2")!;
    expect(europe.countries.length).toBeGreaterThanOrEqual(30);
    expect(europe.countries.map((c) => c.iso)).toEqual(expect.arrayContaining(["FR", "DE", "ES", "IT", "GB"]));
    const global = findBundle("esim_1GB_7D_RGB_V2")!;
    expect(global.countries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(global.countries.map((c) => c.region)).size).toBeGreaterThanOrEqual(5);
    for (const code of ["RBK", "RNA", "RLA", "RCA", "RAS", "RMENA", "RAF", "ROC"]) {
      expect(
        bundles.some((b) => codeOf(b.name) === code && b.countries.length > 1),
        code,
      ).toBe(true);
    }
  });

  it("prices are positive cents, vary by country, and fall per GB along every ladder", () => {
    for (const b of bundles) {
      expect(b.price).toBeGreaterThan(0);
      expect(Math.round(b.price * 100) / 100).toBe(b.price);
      expect(b.allowances[0]).toMatchObject({ amount: b.dataAmount, unit: "MB", unlimited: b.unlimited });
    }
    // Tonga costs far more than France for the same bundle; regional Africa more than regional Europe.
    expect(findBundle("esim_1GB_7D_TO_V2")!.price).toBeGreaterThan(3 * findBundle("esim_1GB_7D_FR_V2")!.price);
    expect(findBundle("esim_1GB_7D_RAF_V2")!.price).toBeGreaterThan(findBundle("esim_1GB_7D_REUP_V2")!.price);

    const codes = new Set(bundles.map((b) => codeOf(b.name)));
    let ladders = 0;
    for (const code of codes) {
      const ladder = FIXED_LADDER.map(([gb, days]) => findBundle(`esim_${gb}GB_${days}D_${code}_V2`)).filter(
        (b) => b !== undefined,
      );
      expect(ladder.length, code).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < ladder.length; i++) {
        expect(ladder[i]!.price / ladder[i]!.dataAmount, ladder[i]!.name).toBeLessThan(
          ladder[i - 1]!.price / ladder[i - 1]!.dataAmount,
        );
      }
      ladders++;
    }
    expect(ladders).toBeGreaterThanOrEqual(200); // countries plus regional and global ladders

    const perDay = (n: string) => findBundle(n)!.price / findBundle(n)!.duration;
    expect(perDay("esim_ULE_30D_US_V2")).toBeLessThan(perDay("esim_ULE_1D_US_V2"));
  });

  it("is deterministic across calls and hashes", () => {
    expect(loadCatalogue()).toBe(bundles); // cached
    expect(JSON.stringify(loadCatalogue())).toBe(JSON.stringify(bundles));
    expect(seededFraction("esim_1GB_7D_GB_V2")).toBe(seededFraction("esim_1GB_7D_GB_V2"));
    // Snapshot of one price so a change to the pricing model is a deliberate, visible edit.
    expect(findBundle("esim_1GB_7D_GB_V2")!.price).toBe(1.18);
  });
});
