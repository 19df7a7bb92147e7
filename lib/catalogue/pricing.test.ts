import { describe, expect, it } from "vitest";
import { charmRound, CurrencyMismatchError, pricePerGbMinor, retailPrice, type PricingRules } from "./pricing";

const rules: PricingRules = { markupPercent: 45, minMarginMinor: 150, currency: "USD", charm: true };
const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });

describe("retailPrice", () => {
  it("applies the markup when it beats the minimum margin, then charm-rounds up to .99", () => {
    // 10.00 × 1.45 = 14.50 → 14.99
    expect(retailPrice(usd(1000), rules)).toEqual({ amountMinor: 1499, currency: "USD" });
  });

  it("lets the minimum margin dominate for tiny costs", () => {
    // 0.50 × 1.45 = 0.73, but 0.50 + 1.50 = 2.00 → 2.99
    expect(retailPrice(usd(50), rules).amountMinor).toBe(299);
    expect(retailPrice(usd(50), { ...rules, charm: false }).amountMinor).toBe(200);
  });

  it("keeps a price that already ends in .99", () => {
    // 1.36 + 1.50 = 2.86 → 2.99; with no margin and markup, 12.99 stays 12.99.
    expect(retailPrice(usd(136), rules).amountMinor).toBe(299);
    expect(retailPrice(usd(1299), { ...rules, markupPercent: 0, minMarginMinor: 0 }).amountMinor).toBe(1299);
  });

  it("rounds a fractional markup up, never down", () => {
    // 1.01 × 1.45 = 1.4645 → 1.47 (no charm); the margin rule is off here.
    expect(retailPrice(usd(101), { ...rules, minMarginMinor: 0, charm: false }).amountMinor).toBe(147);
    // Exact products stay exact: 100 × 1.45 = 145, not 146 from float noise.
    expect(retailPrice(usd(100), { ...rules, minMarginMinor: 0, charm: false }).amountMinor).toBe(145);
  });

  it("never returns less than cost plus the minimum margin, and charm never lowers a price", () => {
    for (let cost = 1; cost < 20_000; cost += 37) {
      const plain = retailPrice(usd(cost), { ...rules, charm: false }).amountMinor;
      const charmed = retailPrice(usd(cost), rules).amountMinor;
      expect(plain).toBeGreaterThanOrEqual(cost + rules.minMarginMinor);
      expect(plain).toBeGreaterThanOrEqual(Math.ceil(cost * 1.45));
      expect(charmed).toBeGreaterThanOrEqual(plain);
      expect(charmed - plain).toBeLessThan(100);
      expect(charmed % 100).toBe(99);
    }
  });

  it("rejects zero, negative and fractional costs", () => {
    expect(() => retailPrice(usd(0), rules)).toThrow(RangeError);
    expect(() => retailPrice(usd(-100), rules)).toThrow(RangeError);
    expect(() => retailPrice(usd(1.5), rules)).toThrow(RangeError);
    expect(() => retailPrice(usd(Number.NaN), rules)).toThrow(RangeError);
  });

  it("rejects invalid rules", () => {
    expect(() => retailPrice(usd(100), { ...rules, markupPercent: -1 })).toThrow(RangeError);
    expect(() => retailPrice(usd(100), { ...rules, minMarginMinor: -5 })).toThrow(RangeError);
  });

  it("refuses a wholesale currency other than the shop's instead of converting", () => {
    expect(() => retailPrice({ amountMinor: 100, currency: "EUR" }, rules)).toThrow(CurrencyMismatchError);
    expect(retailPrice({ amountMinor: 100, currency: "usd" }, rules).currency).toBe("USD");
  });

  it("handles currencies without minor units (charm is a no-op there)", () => {
    const jpy: PricingRules = { markupPercent: 45, minMarginMinor: 150, currency: "JPY", charm: true };
    expect(retailPrice({ amountMinor: 1000, currency: "JPY" }, jpy).amountMinor).toBe(1450);
  });
});

describe("charmRound", () => {
  it("rounds up to the next x.99", () => {
    expect(charmRound(1200, "USD")).toBe(1299);
    expect(charmRound(1201, "USD")).toBe(1299);
    expect(charmRound(1299, "USD")).toBe(1299);
    expect(charmRound(1300, "USD")).toBe(1399);
    expect(charmRound(1, "USD")).toBe(99);
    expect(charmRound(12_345, "KWD")).toBe(12_999);
  });
});

describe("units", () => {
  it("prices per GB, null for unlimited", () => {
    expect(pricePerGbMinor(1499, 5000)).toBe(300);
    expect(pricePerGbMinor(999, 500)).toBe(1998);
    expect(pricePerGbMinor(1499, null)).toBeNull();
    expect(pricePerGbMinor(1499, 0)).toBeNull();
  });
});
