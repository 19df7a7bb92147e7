import { describe, expect, it } from "vitest";
import {
  capDiscount,
  creditToApply,
  evaluatePromotion,
  normaliseCode,
  refusalMessage,
  type PromotionFacts,
} from "./rules";

const base = {
  kind: "percent",
  percentOff: 10,
  amountsOff: null,
  minimumAmounts: null,
  startsAt: null,
  endsAt: null,
  maxRedemptions: null,
  maxPerCustomer: null,
  countries: null,
  firstOrderOnly: false,
  active: true,
  source: "admin",
} as const;

const facts: PromotionFacts = {
  now: new Date("2026-06-01T12:00:00Z"),
  listMinor: 499,
  currency: "USD",
  countries: ["GB"],
  usedTotal: 0,
  usedByBuyer: 0,
  buyerKnown: true,
  hasPaidBefore: false,
  isReferrer: false,
};

const reason = (p: Partial<typeof base> | Record<string, unknown>, f: Partial<PromotionFacts> = {}) => {
  const r = evaluatePromotion({ ...base, ...p } as never, { ...facts, ...f });
  return r.ok ? `ok:${r.discountMinor}` : r.reason;
};

describe("evaluatePromotion", () => {
  it("rounds a percent half up in minor units", () => {
    expect(reason({ percentOff: 15 })).toBe("ok:75"); // 74.85
    expect(reason({ percentOff: 10 })).toBe("ok:50"); // 49.9
  });

  it("a fixed code has an amount per currency, and none for a currency it does not list", () => {
    expect(reason({ kind: "fixed", amountsOff: { USD: 150, EUR: 140 } })).toBe("ok:150");
    expect(reason({ kind: "fixed", amountsOff: { USD: 150, EUR: 140 } }, { currency: "eur" })).toBe("ok:140");
    expect(reason({ kind: "fixed", amountsOff: { EUR: 140 } })).toBe("wrong_currency");
  });

  it("never leaves less than Stripe's minimum charge", () => {
    expect(reason({ percentOff: 100 })).toBe("ok:449");
    expect(reason({ kind: "fixed", amountsOff: { JPY: 5000 } }, { currency: "JPY", listMinor: 800 })).toBe("ok:750");
    expect(capDiscount(10, 40, "USD")).toBe(0);
    expect(creditToApply(300, 100, "USD")).toBe(50);
  });

  it("the time window: not before the start, not from the end on", () => {
    expect(reason({ startsAt: new Date("2026-06-02T00:00:00Z") })).toBe("not_started");
    expect(reason({ endsAt: new Date("2026-06-01T12:00:00Z") })).toBe("expired");
    expect(reason({ endsAt: new Date("2026-06-01T12:00:01Z") })).toBe("ok:50");
  });

  it("limits: total, per customer (which needs a known buyer), first order", () => {
    expect(reason({ maxRedemptions: 3 }, { usedTotal: 3 })).toBe("used_up");
    expect(reason({ maxRedemptions: 3 }, { usedTotal: 2 })).toBe("ok:50");
    expect(reason({ maxPerCustomer: 1 }, { usedByBuyer: 1 })).toBe("customer_limit");
    expect(reason({ maxPerCustomer: 1 }, { buyerKnown: false })).toBe("needs_email");
    expect(reason({ firstOrderOnly: true }, { hasPaidBefore: true })).toBe("first_order_only");
  });

  it("destinations: every country of the plan must be allowed", () => {
    expect(reason({ countries: ["GB", "IE"] })).toBe("ok:50");
    expect(reason({ countries: ["JP"] })).toBe("wrong_destination");
    expect(reason({ countries: ["GB"] }, { countries: ["GB", "FR"] })).toBe("wrong_destination");
  });

  it("minimum, inactive, self-referral", () => {
    expect(reason({ minimumAmounts: { USD: 500 } })).toBe("below_minimum");
    expect(reason({ minimumAmounts: { USD: 499 } })).toBe("ok:50");
    expect(reason({ active: false })).toBe("inactive");
    expect(reason({ source: "referral" }, { isReferrer: true })).toBe("self_referral");
  });

  it("codes compare in upper case; every reason has a sentence", () => {
    expect(normaliseCode(" summer-10 ")).toBe("SUMMER-10");
    expect(refusalMessage("used_up")).toBe("This code has been used up.");
    expect(refusalMessage("toString")).toBeNull();
  });
});
