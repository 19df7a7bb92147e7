import { describe, expect, it } from "vitest";
import { canonicalFilters, filteredViewLocation, hasActiveFilters } from "./filter-url";

const path = "/destinations/japan";

describe("canonicalFilters", () => {
  it("leaves the plain page and canonical queries alone", () => {
    expect(canonicalFilters(path, {}).redirectTo).toBeNull();
    expect(canonicalFilters(path, { duration: "1-7" }).redirectTo).toBeNull();
    expect(canonicalFilters(path, { data: "5-10", sort: "price-per-gb", maxPrice: "20" }).redirectTo).toBeNull();
  });

  it("strips defaults and blanks that the GET form submits", () => {
    const { filters, redirectTo } = canonicalFilters(path, {
      data: "any",
      duration: "1-7",
      unlimited: "",
      scope: "all",
      maxPrice: "",
      sort: "price",
    });
    expect(redirectTo).toBe("/destinations/japan?duration=1-7");
    expect(filters.duration).toBe("1-7");
  });

  it("redirects to the bare path when nothing is left, and drops invalid values", () => {
    expect(canonicalFilters(path, { data: "any", sort: "price" }).redirectTo).toBe(path);
    expect(canonicalFilters(path, { data: "lots", sort: "cheapest" }).redirectTo).toBe(path);
  });

  it("normalises numbers and repeated keys", () => {
    expect(canonicalFilters(path, { maxPrice: "20.0" }).redirectTo).toBe("/destinations/japan?maxPrice=20");
    expect(canonicalFilters(path, { sort: ["duration", "price"] }).redirectTo).toBe(
      "/destinations/japan?sort=duration",
    );
  });

  it("keeps parameters that are not filters", () => {
    expect(canonicalFilters(path, { utm_source: "mail", data: "any" }).redirectTo).toBe(
      "/destinations/japan?utm_source=mail",
    );
    expect(canonicalFilters(path, { utm_source: "mail" }).redirectTo).toBeNull();
  });
});

describe("hasActiveFilters", () => {
  it("is false for defaults only", () => {
    expect(hasActiveFilters(canonicalFilters(path, {}).filters)).toBe(false);
    expect(hasActiveFilters(canonicalFilters(path, { sort: "duration" }).filters)).toBe(true);
  });
});

describe("filteredViewLocation", () => {
  const at = (href: string) => filteredViewLocation(new URL(href, "https://tern.example"))?.href ?? null;

  it("sends filtered links for the static page to the filtered view, query intact", () => {
    expect(at("/destinations/japan?sort=duration&maxPrice=20")).toBe(
      "https://tern.example/destinations/japan/plans?sort=duration&maxPrice=20",
    );
    expect(at("/destinations/jp/?data=1-3")).toBe("https://tern.example/destinations/jp/plans?data=1-3");
  });

  it("leaves everything else alone", () => {
    expect(at("/destinations/japan")).toBeNull();
    expect(at("/destinations/japan?utm_source=mail")).toBeNull();
    expect(at("/destinations/japan/plans?sort=duration")).toBeNull();
    expect(at("/destinations?sort=duration")).toBeNull();
    expect(at("/regions/europe?sort=duration")).toBeNull();
  });
});
