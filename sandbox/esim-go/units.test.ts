import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../data/catalogue";
import { queryCatalogue } from "./catalogue-query";
import { isLuhnValid, luhnCheckDigit, newIccid } from "./ids";
import { FixedWindowLimiter } from "./rate-limit";
import { crc32 } from "./zip";

describe("ids", () => {
  it("computes Luhn check digits", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3); // the textbook example
    expect(isLuhnValid("79927398713")).toBe(true);
    expect(isLuhnValid("79927398710")).toBe(false);
  });

  it("issues 19-digit 89… ICCIDs that pass Luhn and avoid taken ones", () => {
    const taken = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const iccid = newIccid((x) => taken.has(x));
      expect(iccid).toMatch(/^8944\d{15}$/);
      expect(isLuhnValid(iccid)).toBe(true);
      expect(taken.has(iccid)).toBe(false);
      taken.add(iccid);
    }
  });
});

describe("zip", () => {
  it("uses the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});

describe("rate limit window", () => {
  it("allows the limit per window per client, then resets", () => {
    const l = new FixedWindowLimiter(3, 1000);
    expect([1, 2, 3, 4].map(() => l.take("a", 1, 10_000).allowed)).toEqual([true, true, true, false]);
    expect(l.take("b", 1, 10_500).allowed).toBe(true); // other client, own window
    expect(l.take("a", 1, 10_999)).toMatchObject({ allowed: false, remaining: 0, resetAt: new Date(11_000) });
    expect(l.take("a", 1, 11_000)).toMatchObject({ allowed: true, remaining: 2 });
  });
});

describe("catalogue query", () => {
  const all = loadCatalogue();
  const q = (s: string) => queryCatalogue(all, new URLSearchParams(s));

  it("treats * as a wildcard and plain text as contains, case-insensitively", () => {
    expect(
      q("description=UNITED KINGDOM&perPage=1000").bundles.every((b) => b.description.includes("United Kingdom")),
    ).toBe(true);
    expect(q("description=eSIM, 1GB*&perPage=1000").bundles.every((b) => b.description.startsWith("eSIM, 1GB,"))).toBe(
      true,
    );
    expect(q("description=*(V2&perPage=1").rows).toBe(0); // regex characters are literal
  });

  it("rejects unknown orderBy and direction", () => {
    expect(() => q("orderBy=colour")).toThrow(/orderBy/);
    expect(() => q("direction=up")).toThrow(/direction/);
  });
});
