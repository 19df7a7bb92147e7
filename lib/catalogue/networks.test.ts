import { describe, expect, it } from "vitest";
import { networksFromCountries, normaliseSpeeds, topSpeed } from "./networks";
import { normaliseBundle } from "./normalise";

describe("networksFromCountries", () => {
  it("keeps each country's named networks with their speeds, slowest first", () => {
    expect(
      networksFromCountries([
        {
          iso: "jp",
          name: "Japan",
          networks: [
            { name: "NTT DOCOMO, INC.", brandName: "NTT Docomo", speeds: ["5G", "4G", "4g"] },
            { name: "SoftBank", speeds: ["LTE", "3G"] },
          ],
        },
        { iso: "KR", networks: [] },
        { iso: "??", networks: [{ name: "x", speeds: ["4G"] }] },
      ]),
    ).toEqual([
      {
        iso: "JP",
        networks: [
          { name: "NTT Docomo", speeds: ["4G", "5G"] },
          { name: "SoftBank", speeds: ["3G", "LTE"] },
        ],
      },
    ]);
  });

  it("tolerates a catalogue without networks at all", () => {
    expect(networksFromCountries(undefined)).toEqual([]);
    expect(networksFromCountries([{ iso: "FR", name: "France" }])).toEqual([]);
  });
});

describe("speeds", () => {
  it("orders generations and finds the fastest", () => {
    expect(normaliseSpeeds(["5g", "2G", "4G", "3G"])).toEqual(["2G", "3G", "4G", "5G"]);
    expect(
      topSpeed([
        { name: null, speeds: ["3G", "4G"] },
        { name: "a", speeds: ["5G"] },
      ]),
    ).toBe("5G");
    expect(topSpeed([])).toBeNull();
  });
});

describe("normaliseBundle keeps networks for the plan page", () => {
  it("stores eSIM Go's countries[].networks on the row", () => {
    const result = normaliseBundle(
      {
        name: "esim_1GB_7D_JP_V2",
        description: "eSIM, 1GB, 7 Days, Japan, V2",
        countries: [{ iso: "JP", name: "Japan", region: "Asia", networks: [{ name: "KDDI au", speeds: ["4G"] }] }],
        dataAmount: 1000,
        duration: 7,
        speed: ["4G"],
        price: 1.5,
      },
      {
        provider: "esim-go",
        wholesaleCurrency: "USD",
        rules: { markupPercent: 45, minMarginMinor: 150, currency: "USD", charm: true },
        syncedAt: new Date(),
      },
    );
    expect(result.ok && result.row.networks).toEqual([{ iso: "JP", networks: [{ name: "KDDI au", speeds: ["4G"] }] }]);
  });
});
