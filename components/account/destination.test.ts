import { describe, expect, it } from "vitest";
import type { BundleSnapshot } from "@/lib/db/schema";
import { esimHeading } from "./destination";

const snapshot = (countries: string[], title: string): BundleSnapshot => ({
  name: "esim_x",
  title,
  description: "eSIM, 1GB, 7 Days, Asia, V2",
  provider: "esim-go",
  scope: countries.length === 1 ? "country" : "regional",
  countries,
  dataMb: 1000,
  unlimited: false,
  durationDays: 7,
  speeds: [],
  priceMinor: 499,
  currency: "USD",
  wholesaleMinor: 300,
  wholesaleCurrency: "USD",
});

describe("esimHeading", () => {
  it("heads a single-country eSIM by its country, with the plan's name beneath", () => {
    expect(esimHeading(snapshot(["JP"], "Japan 1 GB · 7 days"))).toEqual({
      title: "Japan",
      subtitle: "Japan 1 GB · 7 days",
      flag: "🇯🇵",
    });
  });

  it("heads a regional eSIM by its plan's name, not by a count of countries or the provider's text", () => {
    const h = esimHeading(snapshot(["JP", "KR", "TH", "VN", "SG"], "Asia 1 GB · 7 days"));
    expect(h.title).toBe("Asia 1 GB · 7 days");
    expect(h.subtitle).toBe("5 countries");
  });

  it("names the country and counts countries in the page's language", () => {
    expect(esimHeading(snapshot(["DE"], "Germany 1 GB · 7 days"), "de").title).toBe("Deutschland");
    expect(esimHeading(snapshot(["JP"], "Japan 1 GB · 7 days"), "es").title).toBe("Japón");
    expect(esimHeading(snapshot(["JP", "KR", "TH"], "Asia 1 GB · 7 days"), "es").subtitle).toBe("3 países");
  });
});
