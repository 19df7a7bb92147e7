import { describe, expect, it } from "vitest";
import { DATA_FILTERS, DEFAULT_FILTERS, filtersToSearchParams, parseCountryFilters } from "./filters";

describe("parseCountryFilters", () => {
  it("reads valid filters from URLSearchParams and from Next's searchParams object", () => {
    const fromUrl = parseCountryFilters(
      new URLSearchParams("data=5-10&duration=16-30&unlimited=exclude&maxPrice=25.5&sort=price-per-gb&scope=country"),
    );
    expect(fromUrl).toEqual({
      data: "5-10",
      duration: "16-30",
      unlimited: "exclude",
      maxPrice: 25.5,
      sort: "price-per-gb",
      scope: "country",
    });
    expect(parseCountryFilters({ data: ["20+", "1-3"], sort: "duration" })).toEqual({
      ...DEFAULT_FILTERS,
      data: "20+",
      sort: "duration",
    });
  });

  it("falls back per field on garbage and never throws", () => {
    const parsed = parseCountryFilters(
      new URLSearchParams("data=lots&duration=-1&unlimited=maybe&maxPrice=abc&sort=random&scope=<script>"),
    );
    expect(parsed).toEqual(DEFAULT_FILTERS);
    expect(parseCountryFilters({ maxPrice: "-5" }).maxPrice).toBeUndefined();
    expect(parseCountryFilters({ maxPrice: "Infinity" }).maxPrice).toBeUndefined();
    expect(parseCountryFilters({ data: "5-10", sort: "nonsense" })).toEqual({ ...DEFAULT_FILTERS, data: "5-10" });
    expect(parseCountryFilters({})).toEqual(DEFAULT_FILTERS);
  });

  it("round-trips through filtersToSearchParams, leaving defaults out", () => {
    expect(filtersToSearchParams(DEFAULT_FILTERS).toString()).toBe("");
    const filters = {
      data: "1-3",
      duration: "1-7",
      unlimited: "only",
      maxPrice: 12,
      sort: "duration",
      scope: "regional",
    } as const;
    const params = filtersToSearchParams(filters);
    expect(parseCountryFilters(params)).toEqual(filters);
  });

  it("labels every data bucket", () => {
    for (const f of DATA_FILTERS) expect(f.label.length).toBeGreaterThan(0);
  });
});
