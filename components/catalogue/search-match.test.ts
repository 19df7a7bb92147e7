import { describe, expect, it } from "vitest";
import { fold, matchEntries, prepareEntries, type SearchEntry } from "./search-match";

const entries: SearchEntry[] = [
  { label: "Japan", href: "/destinations/japan", kind: "country", keywords: ["JP", "Nippon"] },
  { label: "Jamaica", href: "/destinations/jamaica", kind: "country", keywords: ["JM"] },
  { label: "Hong Kong", href: "/destinations/hong-kong", kind: "country", keywords: ["HK"] },
  { label: "United Kingdom", href: "/destinations/united-kingdom", kind: "country", keywords: "GB UK Britain England" },
  { label: "Côte d'Ivoire", href: "/destinations/cote-divoire", kind: "country", keywords: ["CI", "Ivory Coast"] },
  { label: "Asia", href: "/regions/asia", kind: "region", keywords: ["Japan", "Thailand"] },
];
const prepared = prepareEntries(entries);
const labels = (q: string) => matchEntries(prepared, q).map((e) => e.label);

describe("matchEntries", () => {
  it("puts names that start with the query first", () => {
    expect(labels("jap")).toEqual(["Japan", "Asia"]);
    expect(labels("ja")[0]).toBe("Japan");
    expect(labels("ja")).toContain("Jamaica");
  });

  it("matches later words, other names and codes, and ignores case and accents", () => {
    expect(labels("kong")).toEqual(["Hong Kong"]);
    expect(labels("uk")).toEqual(["United Kingdom"]);
    expect(labels("ENGL")).toEqual(["United Kingdom"]);
    expect(labels("cote")).toEqual(["Côte d'Ivoire"]);
    expect(labels("ivory")).toEqual(["Côte d'Ivoire"]);
  });

  it("ranks an exact code above a name prefix", () => {
    expect(labels("jp")[0]).toBe("Japan");
  });

  it("returns nothing for blank input and respects the limit", () => {
    expect(labels("   ")).toEqual([]);
    expect(matchEntries(prepared, "j", 2)).toHaveLength(2);
  });

  it("does not match short fragments in the middle of names", () => {
    expect(labels("pa")).toEqual([]);
    expect(labels("apa")).toEqual(["Japan"]);
  });
});

describe("fold", () => {
  it("strips accents and case", () => {
    expect(fold("  Curaçao ")).toBe("curacao");
  });

  it("forgives typos when nothing matches as typed, closest spelling first", () => {
    expect(labels("Japn")).toEqual(["Japan", "Asia"]);
    expect(labels("jpaan")[0]).toBe("Japan");
    expect(labels("Hong Kgon")).toEqual(["Hong Kong"]);
    expect(labels("untied kingdom")).toEqual(["United Kingdom"]);
    // Typed correctly, no typo guesses crowd the list.
    expect(labels("japa")).not.toContain("Jamaica");
    expect(labels("xq")).toEqual([]);
  });
});
