import { describe, expect, it } from "vitest";
import { planTakesTopUps } from "./top-ups";

describe("planTakesTopUps", () => {
  it("says yes for the providers this shop sells from, which both add plans to their eSIMs", () => {
    expect(planTakesTopUps({ provider: "esim-go", active: true })).toBe(true);
    expect(planTakesTopUps({ provider: "zendit", active: true })).toBe(true);
  });

  it("says no where the provider has no way to add a plan to an eSIM", () => {
    const noTopUps = () => ({});
    expect(planTakesTopUps({ provider: "esim-go", active: true }, noTopUps)).toBe(false);
  });

  it("says no for a provider without an adapter (stock from elsewhere) and for a retired plan", () => {
    expect(planTakesTopUps({ provider: "some-carrier", active: true })).toBe(false);
    expect(planTakesTopUps({ provider: "esim-go", active: false })).toBe(false);
  });
});
