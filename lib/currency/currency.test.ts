import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/db/testing";
import { exchangeRates } from "@/lib/db/schema";
import type { DbHandle } from "@/lib/db";
import { openProcessTestDatabase } from "@/test/databases";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { convertMinor, decimalRate, formatRate, ratesPerBase, withBuffer } from "./convert";
import { parseEurofxref, RateSourceError } from "./ecb";
import { localPrice } from "./prices";
import { roundRetail, zeroDecimalStep } from "./rounding";
import { claimStaleAlerts, clearStaleAlert, currentRates, pinRate, refreshRates, rateStates } from "./rates";

const TABLE = { EUR: "1", USD: "1.0850", JPY: "163.20", GBP: "0.84610", KWD: "0.33410" };

describe("converting prices", () => {
  it("converts exactly through rates per EUR, rounding up", () => {
    const perUsd = ratesPerBase(TABLE, "USD");
    // $4.99 × 0.8461/1.085 = £3.89124… → 390 pence, never 389.
    expect(convertMinor(499, "USD", "GBP", perUsd.GBP!)).toBe(390);
    // $4.99 × 163.2/1.085 = ¥750.57… → ¥751 (no minor units in yen).
    expect(convertMinor(499, "USD", "JPY", perUsd.JPY!)).toBe(751);
    // Three-decimal currency: $4.99 × 0.3341/1.085 = 1.53655… KWD → 1537 fils.
    expect(convertMinor(499, "USD", "KWD", perUsd.KWD!)).toBe(1537);
    expect(convertMinor(499, "USD", "USD", perUsd.USD!)).toBe(499);
    expect(formatRate(perUsd.JPY!)).toBe("150.414747");
  });

  it("refuses what is not a positive decimal rate or whole minor units", () => {
    for (const bad of ["0", "0.000", "-1", "1e3", "1,08", " 1.0", "NaN", ""])
      expect(() => decimalRate(bad), bad).toThrow(RangeError);
    expect(() => convertMinor(4.5, "USD", "GBP", decimalRate("0.8"))).toThrow(RangeError);
    expect(() => ratesPerBase({ EUR: "1" }, "USD")).toThrow(/base currency USD/);
  });

  it("adds the conversion buffer rounding up", () => {
    expect(withBuffer(390, 2)).toBe(398); // 397.8 → 398
    expect(withBuffer(100, 0)).toBe(100);
    expect(withBuffer(751, 1.5)).toBe(763); // 762.265 → 763
    expect(() => withBuffer(100, -1)).toThrow(RangeError);
  });

  it("rounds each currency as its prices look: .99 endings, ¥…80, ₩ to the hundred", () => {
    expect(roundRetail(398, "GBP", { charm: true, unitsPerBase: 0.78 })).toBe(399);
    expect(roundRetail(400, "GBP", { charm: true, unitsPerBase: 0.78 })).toBe(499);
    expect(roundRetail(398, "GBP", { charm: false, unitsPerBase: 0.78 })).toBe(398);
    expect(zeroDecimalStep(150)).toBe(10);
    expect(zeroDecimalStep(1362)).toBe(100);
    expect(roundRetail(763, "JPY", { charm: true, unitsPerBase: 150 })).toBe(780);
    expect(roundRetail(781, "JPY", { charm: true, unitsPerBase: 150 })).toBe(880);
    expect(roundRetail(1234, "JPY", { charm: false, unitsPerBase: 150 })).toBe(1240);
    expect(roundRetail(6790, "KRW", { charm: true, unitsPerBase: 1362 })).toBe(6800);
  });

  it("prices a plan in each currency from its base retail price, never below the converted base", () => {
    const perUsd = ratesPerBase(TABLE, "USD");
    const rules = { base: "USD", bufferPercent: 2, charm: true };
    expect(localPrice(499, "USD", perUsd.USD!, rules)).toBe(499);
    expect(localPrice(499, "GBP", perUsd.GBP!, rules)).toBe(399);
    expect(localPrice(499, "JPY", perUsd.JPY!, rules)).toBe(780);
    for (const base of [99, 499, 1299, 4599, 12_999])
      for (const c of ["GBP", "JPY", "KWD"])
        expect(localPrice(base, c, perUsd[c]!, rules)).toBeGreaterThanOrEqual(convertMinor(base, "USD", c, perUsd[c]!));
  });
});

describe("the ECB daily document", () => {
  it("reads the day and each rate as a string", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope><Cube><Cube time='2026-12-04'>
      <Cube currency='USD' rate='1.0850'/><Cube currency='JPY' rate='163.20'/></Cube></Cube></gesmes:Envelope>`;
    expect(parseEurofxref(xml)).toEqual({ date: "2026-12-04", perEur: { EUR: "1", USD: "1.0850", JPY: "163.20" } });
  });

  it("refuses a document without a dated table, without rates, or with a zero rate", () => {
    expect(() => parseEurofxref("<html>maintenance</html>")).toThrow(RateSourceError);
    expect(() => parseEurofxref("<Cube time='2026-12-04'></Cube>")).toThrow(/no rates/);
    expect(() => parseEurofxref("<Cube time='2026-12-04'><Cube currency='USD' rate='0.0'/>")).toThrow(/zero/);
  });
});

describe("which currencies sell", () => {
  const rows = [
    { currency: "USD", perEur: "1.0850", asOf: "2026-12-04", pinnedPerBase: null },
    { currency: "GBP", perEur: "0.84610", asOf: "2026-12-04", pinnedPerBase: null },
    { currency: "JPY", perEur: "163.20", asOf: "2026-11-27", pinnedPerBase: null },
    { currency: "CAD", perEur: "0", asOf: "1970-01-01", pinnedPerBase: "1.36" },
  ];
  const states = rateStates(rows, {
    base: "USD",
    currencies: ["USD", "GBP", "JPY", "CAD", "AUD"],
    maxAgeDays: 5,
    now: new Date("2026-12-07T09:00:00Z"),
  });
  const of = (c: string) => states.find((s) => s.currency === c)!;

  it("sells the base always, fresh rates, and pinned ones; not stale or missing ones", () => {
    expect(of("USD")).toMatchObject({ sellable: true });
    expect(of("GBP")).toMatchObject({ sellable: true, asOf: "2026-12-04", pinned: false });
    expect(of("JPY")).toMatchObject({ sellable: false, reason: "stale" });
    expect(of("CAD")).toMatchObject({ sellable: true, pinned: true, rate: { num: 136n, den: 100n } });
    expect(of("AUD")).toMatchObject({ sellable: false, reason: "no_rate" });
  });
});

describe.each(testDbKinds())("stored rates on %s", (kind) => {
  let sandbox: TestSandbox;
  let handle: DbHandle;
  let url: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    handle = await openProcessTestDatabase(kind);
    url = `${sandbox.url}/ecb/stats/eurofxref/eurofxref-daily.xml`;
  });
  afterAll(async () => {
    await handle?.close();
    await sandbox?.close();
  });
  const opts = { base: "USD", currencies: ["EUR", "GBP", "JPY"], maxAgeDays: 5 };

  it("refreshes from the source over HTTP, and an older table never replaces a newer one", async () => {
    await sandbox.control("POST", "/ecb", { date: "2026-12-04", rates: { JPY: "163.20" } });
    expect((await refreshRates(handle.db, { url, ...opts })).date).toBe("2026-12-04");
    await sandbox.control("POST", "/ecb", { date: "2026-12-03", rates: { JPY: "170.00" } });
    await refreshRates(handle.db, { url, ...opts });
    const now = new Date("2026-12-07T09:00:00Z");
    const jpy = (await currentRates(handle.db, { ...opts, now })).find((r) => r.currency === "JPY")!;
    expect(jpy).toMatchObject({ sellable: true, asOf: "2026-12-04" });
    expect(formatRate(jpy.rate!)).toBe("150.414747");
    // Only the currencies the shop sells are kept.
    expect((await handle.db.select().from(exchangeRates)).map((r) => r.currency).sort()).toEqual([
      "EUR",
      "GBP",
      "JPY",
      "USD",
    ]);
  });

  it("stops a currency whose source went quiet, alerts once per spell, and a pin keeps it selling", async () => {
    const later = new Date("2026-12-12T09:00:00Z");
    const stale = (await currentRates(handle.db, { ...opts, now: later })).filter((r) => !r.sellable);
    expect(stale.map((r) => r.currency).sort()).toEqual(["EUR", "GBP", "JPY"]);
    expect(await claimStaleAlerts(handle.db, ["GBP", "JPY"])).toEqual(expect.arrayContaining(["GBP", "JPY"]));
    expect(await claimStaleAlerts(handle.db, ["GBP", "JPY"])).toEqual([]);
    await clearStaleAlert(handle.db, "JPY");
    expect(await claimStaleAlerts(handle.db, ["GBP", "JPY"])).toEqual(["JPY"]);

    expect(await pinRate(handle.db, "JPY", "151.00", "ops@tern.test")).toBe(true);
    expect(await pinRate(handle.db, "JPY", "151.00", "ops@tern.test")).toBe(false);
    const jpy = (await currentRates(handle.db, { ...opts, now: later })).find((r) => r.currency === "JPY")!;
    expect(jpy).toMatchObject({ sellable: true, pinned: true });
    expect(await pinRate(handle.db, "JPY", null, "ops@tern.test")).toBe(true);
    expect((await currentRates(handle.db, { ...opts, now: later })).find((r) => r.currency === "JPY")).toMatchObject({
      sellable: false,
      reason: "stale",
    });
    await expect(pinRate(handle.db, "JPY", "-3", "ops@tern.test")).rejects.toThrow(RangeError);
  });

  it("keeps the stored rates when the source fails or answers junk", async () => {
    await sandbox.control("POST", "/faults", { service: "ecb", status: 503 });
    await expect(refreshRates(handle.db, { url, ...opts })).rejects.toThrow(/503/);
    expect((await handle.db.select().from(exchangeRates)).length).toBe(4);
  });
});
