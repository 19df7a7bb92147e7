import { describe, expect, it } from "vitest";
import {
  currencyExponent,
  formatData,
  formatDuration,
  formatMoney,
  formatPerGb,
  formatSpeeds,
  minorDigits,
  pluralCountries,
  toDecimalString,
  toMinorUnits,
} from "./format";

describe("formatMoney", () => {
  it("formats two-decimal currencies from minor units", () => {
    expect(formatMoney(499, "USD")).toBe("$4.99");
    expect(formatMoney(1200, "EUR")).toBe("€12.00");
    expect(formatMoney(5, "usd")).toBe("$0.05");
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
  });

  it("knows zero- and three-decimal currencies", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
    expect(formatMoney(500, "JPY")).toBe("¥500");
    // Intl puts a no-break space between a currency code and the amount.
    expect(formatMoney(1500, "KWD")).toBe("KWD\u00a01.500");
  });

  it("refuses fractional minor units rather than rounding money silently", () => {
    expect(() => formatMoney(4.5, "USD")).toThrow(/integer/);
  });
});

describe("toDecimalString", () => {
  it("renders exact decimals for structured data", () => {
    expect(toDecimalString(499, "USD")).toBe("4.99");
    expect(toDecimalString(7, "USD")).toBe("0.07");
    expect(toDecimalString(1000, "USD")).toBe("10.00");
    expect(toDecimalString(500, "JPY")).toBe("500");
    expect(toDecimalString(1, "KWD")).toBe("0.001");
    expect(toDecimalString(-250, "USD")).toBe("-2.50");
  });
});

describe("formatData", () => {
  it("uses decimal units like the provider", () => {
    expect(formatData(500, false)).toBe("500 MB");
    expect(formatData(1000, false)).toBe("1 GB");
    expect(formatData(1500, false)).toBe("1.5 GB");
    expect(formatData(20000, false)).toBe("20 GB");
  });

  it("says Unlimited whatever the megabytes", () => {
    expect(formatData(null, true)).toBe("Unlimited");
    expect(formatData(5000, true)).toBe("Unlimited");
  });

  it("does not invent an amount when there is none", () => {
    expect(formatData(null, false)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("pluralises days", () => {
    expect(formatDuration(1)).toBe("1 day");
    expect(formatDuration(7)).toBe("7 days");
    expect(formatDuration(365)).toBe("365 days");
  });
});

describe("small helpers", () => {
  it("formats price per GB and countries", () => {
    expect(formatPerGb(250, "USD")).toBe("$2.50/GB");
    expect(formatPerGb(null, "USD")).toBeNull();
    expect(pluralCountries(1)).toBe("1 country");
    expect(pluralCountries(14)).toBe("14 countries");
  });
});

describe("formatSpeeds", () => {
  it("names the fastest network the plan can use", () => {
    expect(formatSpeeds(["2G", "3G", "4G", "5G"])).toBe("Up to 5G");
    expect(formatSpeeds(["3G", "4g"])).toBe("Up to 4G");
    expect(formatSpeeds(["LTE", "3G"])).toBe("Up to 4G LTE");
    expect(formatSpeeds([])).toBe("");
    expect(formatSpeeds(["satellite"])).toBe("");
  });
});

describe("units", () => {
  it("converts provider floats to minor units without float drift", () => {
    expect(toMinorUnits(1.36, "USD")).toBe(136);
    expect(toMinorUnits(1.15, "USD")).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(toMinorUnits(0.29, "USD")).toBe(29); // 28.999999999999996
    expect(toMinorUnits(500, "JPY")).toBe(500);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, "USD")).toThrow(RangeError);
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(() => currencyExponent("not-a-currency")).toThrow(RangeError);
  });
});
