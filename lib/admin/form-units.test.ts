import { describe, expect, it } from "vitest";
import { bpsToPercentText, minorToInputText, parseMoneyInput, parsePercentInput } from "./form-units";

const money = (t: string, c = "USD", max?: number) => parseMoneyInput(t, c, { label: "Credit limit", max });
const pct = (t: string, opts = {}) => parsePercentInput(t, opts);

describe("parseMoneyInput", () => {
  it.each([
    ["$1.50", 150],
    ["1.5", 150],
    ["0.29", 29], // 0.29 * 100 is 28.999… in floating point
    ["1,234.56", 123_456],
    ["USD 12", 1200],
    ["12 usd", 1200],
    ["  500 ", 50_000],
    ["0", 0],
  ])("reads %j as %i cents", (text, minor) => {
    expect(money(text)).toEqual({ ok: true, value: minor });
  });

  it("follows the currency's minor digits", () => {
    expect(parseMoneyInput("1500", "JPY")).toEqual({ ok: true, value: 1500 });
    expect(parseMoneyInput("1.234", "KWD")).toEqual({ ok: true, value: 1234 });
    const yen = parseMoneyInput("15.5", "JPY");
    expect(yen.ok).toBe(false);
    expect(!yen.ok && yen.error).toMatch(/JPY has no smaller unit/);
  });

  it.each([
    ["", /empty/],
    ["-5", /negative/],
    ["1.505", /2 decimal places/],
    ["1,5", /not an amount/],
    ["12,34.00", /not an amount/],
    ["ten", /not an amount/],
    ["1e3", /not an amount/],
    ["0x10", /not an amount/],
    ["1.5.0", /not an amount/],
    ["99999999999999999", /not an amount|too large/],
  ])("refuses %j with a clear message", (text, why) => {
    const r = money(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(why);
      expect(r.error).toMatch(/^Credit limit: .* Enter an amount in USD, such as 12\.50\.$/);
    }
  });

  it("refuses more than the limit, in money", () => {
    const r = money("1000001", "USD", 100_000_000);
    expect(r).toEqual({
      ok: false,
      error: "Credit limit: it is more than the limit of 1000000.00. Enter an amount in USD, such as 12.50.",
    });
    expect(money("1000000", "USD", 100_000_000)).toEqual({ ok: true, value: 100_000_000 });
  });
});

describe("parsePercentInput", () => {
  it.each([
    ["45 %", 4500],
    ["45%", 4500],
    ["45", 4500],
    ["12.5", 1250],
    ["0.25 %", 25],
    ["10.50", 1050],
    ["100", 10_000],
    ["0", 0],
  ])("reads %j as %i basis points", (text, bps) => {
    expect(pct(text)).toEqual({ ok: true, value: bps });
  });

  it.each([
    ["", /empty/],
    ["-1", /negative/],
    ["101", /more than 100 %/],
    ["12.345", /two decimal places/],
    ["abc", /not a percentage/],
    ["1000 bp", /not a percentage/],
  ])("refuses %j", (text, why) => {
    const r = pct(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });

  it("asks for a whole number where only whole percentages are kept", () => {
    expect(pct("45 %", { whole: true, maxPercent: 1000 })).toEqual({ ok: true, value: 4500 });
    expect(pct("45.0", { whole: true })).toEqual({ ok: true, value: 4500 });
    const r = pct("45.5", { whole: true });
    expect(!r.ok && r.error).toMatch(/whole percentage/);
  });
});

describe("form defaults", () => {
  it("round-trips what the database keeps", () => {
    for (const bps of [0, 25, 1000, 1250, 4599, 10_000]) {
      expect(pct(bpsToPercentText(bps))).toEqual({ ok: true, value: bps });
    }
    for (const minor of [0, 5, 150, 123_456]) {
      expect(money(minorToInputText(minor, "USD"))).toEqual({ ok: true, value: minor });
    }
    expect(bpsToPercentText(1250)).toBe("12.5");
    expect(minorToInputText(150, "USD")).toBe("1.50");
  });
});

describe("parsePricingForm", () => {
  it("reads the form as the admin typed it", async () => {
    const { parsePricingForm } = await import("./pricing");
    expect(parsePricingForm({ markup: "45 %", minMargin: "$0.50", currency: "usd", charm: "true" })).toEqual({
      ok: true,
      value: { markupPercent: 45, minMarginMinor: 50, currency: "USD", charm: true },
    });
    expect(parsePricingForm({ markup: "30", minMargin: "100", currency: "JPY" })).toEqual({
      ok: true,
      value: { markupPercent: 30, minMarginMinor: 100, currency: "JPY", charm: false },
    });
  });

  it.each([
    [{ markup: "45.5 %", minMargin: "1", currency: "USD" }, /Markup: use a whole percentage/],
    [{ markup: "45", minMargin: "0.505", currency: "USD" }, /Minimum margin: USD has 2 decimal places/],
    [{ markup: "45", minMargin: "1.5", currency: "JPY" }, /JPY has no smaller unit/],
    [{ markup: "1001", minMargin: "1", currency: "USD" }, /more than 1000 %/],
    [{ markup: "45", minMargin: "1", currency: "dollars" }, /three-letter ISO code/],
  ])("refuses %j", async (form, why) => {
    const { parsePricingForm } = await import("./pricing");
    const r = parsePricingForm(form);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });
});
