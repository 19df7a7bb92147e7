import { describe, expect, it } from "vitest";
import { editDistance, fuzzyDistance, typoBudget } from "./fuzzy";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps as one each", () => {
    expect(editDistance("japn", "japan")).toBe(1);
    expect(editDistance("jappan", "japan")).toBe(1);
    expect(editDistance("jepan", "japan")).toBe(1);
    expect(editDistance("jpaan", "japan")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("stops early past the budget and says so with max + 1", () => {
    expect(editDistance("australia", "austria", 1)).toBe(2);
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
  });
});

describe("fuzzyDistance", () => {
  it("forgives a typo in a country's name", () => {
    expect(fuzzyDistance("japn", ["japan"])).toBe(1);
    expect(fuzzyDistance("swizerland", ["switzerland"])).toBe(1);
    expect(fuzzyDistance("untied states", ["united states"])).toBe(1);
    expect(fuzzyDistance("untd states", ["united states"])).toBe(2);
    expect(fuzzyDistance("thailnd", ["thailand"])).toBe(1);
  });
  it("matches one word of a longer name, and a name still being typed", () => {
    expect(fuzzyDistance("zeland", ["new zealand"])).toBe(1);
    expect(fuzzyDistance("germn", ["germany"])).toBe(1);
  });
  it("does not guess on short queries or far-off words", () => {
    expect(fuzzyDistance("uk", ["us"])).toBeNull();
    expect(fuzzyDistance("fra", ["frx"])).toBeNull();
    expect(fuzzyDistance("japan", ["jamaica"])).toBeNull();
    expect(fuzzyDistance("brazil", ["israel"])).toBeNull();
  });
  it("allows more typos in longer names", () => {
    expect([3, 4, 6, 7, 11].map(typoBudget)).toEqual([0, 1, 1, 2, 3]);
  });
});
