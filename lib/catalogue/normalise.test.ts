import { describe, expect, it } from "vitest";
import type { EsimGoBundle } from "@/lib/providers/esim-go/client";
import { classifyMultiCountry, descriptionLabel, normaliseBundle, type NormaliseContext } from "./normalise";

const ctx: NormaliseContext = {
  provider: "esim-go",
  wholesaleCurrency: "USD",
  rules: { markupPercent: 45, minMarginMinor: 150, currency: "USD", charm: true },
  syncedAt: new Date("2026-01-01T00:00:00Z"),
};

const jp: EsimGoBundle = {
  name: "esim_5GB_30D_JP_V2",
  description: "eSIM, 5GB, 30 Days, Japan, V2",
  countries: [{ name: "Japan", region: "Asia", iso: "jp" }],
  dataAmount: 5000,
  duration: 30,
  speed: ["4G", "5G"],
  autostart: true,
  unlimited: false,
  price: 9.15,
};

const country = (iso: string, region: string) => ({ iso, region, name: iso });

describe("normaliseBundle", () => {
  it("maps a country bundle: upper-case ISO, MB, days, minor units, retail price", () => {
    const r = normaliseBundle(jp, ctx);
    expect(r).toMatchObject({
      ok: true,
      row: {
        name: "esim_5GB_30D_JP_V2",
        scope: "country",
        countries: ["JP"],
        country: "JP",
        region: null,
        dataMb: 5000,
        unlimited: false,
        durationDays: 30,
        speeds: ["4G", "5G"],
        wholesaleMinor: 915,
        wholesaleCurrency: "USD",
        priceMinor: 1399, // 9.15 × 1.45 = 13.27 → 13.99
        currency: "USD",
        active: true,
      },
    });
  });

  it("stores unlimited bundles with null data", () => {
    const r = normaliseBundle({ ...jp, name: "esim_ULE_7D_JP_V2", dataAmount: -1, unlimited: true, duration: 7 }, ctx);
    expect(r.ok && r.row).toMatchObject({ unlimited: true, dataMb: null, durationDays: 7 });
  });

  it("classifies regional and global bundles by label, zone code or member regions", () => {
    const europe = normaliseBundle(
      {
        ...jp,
        name: "esim_1GB_7D_REUP_V2",
        description: "eSIM, 1GB, 7 Days, Europe+, V2",
        countries: [country("FR", "Europe"), country("DE", "Europe"), country("TR", "Europe")],
      },
      ctx,
    );
    expect(europe.ok && europe.row).toMatchObject({
      scope: "regional",
      region: "europe",
      country: null,
      countries: ["DE", "FR", "TR"],
    });

    const global = normaliseBundle(
      {
        ...jp,
        name: "esim_1GB_7D_RGB_V2",
        description: "eSIM, 1GB, 7 Days, Global, V2",
        countries: [country("FR", "Europe"), country("JP", "Asia"), country("US", "North America")],
      },
      ctx,
    );
    expect(global.ok && global.row).toMatchObject({ scope: "global", region: "global", country: null });

    // No recognisable label: most members are in one region.
    expect(
      classifyMultiCountry({
        name: "esim_1GB_7D_XYZ_V2",
        description: "eSIM, 1GB, 7 Days, Nordics, V2",
        countries: ["NO", "SE", "DK", "FI"].map((c) => country(c, "Europe")),
      }),
    ).toEqual({ scope: "regional", region: "europe" });
    // Spread over three continents with an unknown label: effectively global.
    expect(
      classifyMultiCountry({
        name: "x",
        description: "eSIM, 1GB, 7 Days, Travellers Pack, V2",
        countries: [country("FR", "Europe"), country("JP", "Asia"), country("US", "North America")],
      }),
    ).toEqual({ scope: "global", region: "global" });
    expect(
      classifyMultiCountry({
        name: "x",
        description: "eSIM, 1GB, 7 Days, Iberia Duo, V2",
        countries: [country("ES", "Europe"), country("MA", "Africa")],
      }),
    ).toEqual({ scope: "regional", region: "iberia-duo" });
  });

  it("reads the place label out of a description", () => {
    expect(descriptionLabel("eSIM, 1GB, 7 Days, United Kingdom, V2")).toBe("United Kingdom");
    expect(descriptionLabel("eSIM, Unlimited Essential, 1 Day, Middle East and North Africa, V2")).toBe(
      "Middle East and North Africa",
    );
  });

  it("rejects bundles we cannot sell, with a reason", () => {
    expect(normaliseBundle({ ...jp, countries: [] }, ctx)).toMatchObject({ ok: false, reason: "no countries" });
    expect(normaliseBundle({ ...jp, price: 0 }, ctx)).toMatchObject({ ok: false });
    expect(normaliseBundle({ ...jp, price: undefined }, ctx)).toMatchObject({ ok: false });
    expect(normaliseBundle({ ...jp, duration: 0 }, ctx)).toMatchObject({ ok: false });
    expect(normaliseBundle({ ...jp, dataAmount: 0 }, ctx)).toMatchObject({ ok: false });
    expect(normaliseBundle({ ...jp, name: "" }, ctx)).toMatchObject({ ok: false, reason: "no name" });
  });
});
