import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { locales, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { refusalWording } from "./refusal-wording";
import { evaluatePromotion, type PromotionFacts } from "./rules";

const code = {
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
  currency: "EUR",
  countries: ["GB"],
  usedTotal: 0,
  usedByBuyer: 0,
  buyerKnown: true,
  hasPaidBefore: false,
  isReferrer: false,
};

/** What the review page shows for a code refused with these settings, in `locale`. */
function shown(p: Record<string, unknown>, locale: Locale): string {
  const verdict = evaluatePromotion({ ...code, ...p } as never, facts);
  if (verdict.ok) throw new Error("expected a refusal");
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "checkout.review.refusals" }) as (
    key: string,
    values?: Record<string, string>,
  ) => string;
  const { key, values } = refusalWording(verdict.reason, verdict.details, locale);
  return t(key, values);
}

describe("a refused code in the buyer's language", () => {
  it("names the day and the minimum in each language's own formats", () => {
    const expired = { endsAt: new Date("2026-05-01T00:00:00Z") };
    expect(shown(expired, "en")).toBe("This code expired on May 1, 2026.");
    expect(shown(expired, "de")).toBe("Dieser Code ist am 1. Mai 2026 abgelaufen.");
    expect(shown(expired, "es")).toBe("Este código caducó el 1 de mayo de 2026.");

    const later = { startsAt: new Date("2026-07-14T00:00:00Z") };
    expect(shown(later, "de")).toBe("Dieser Code gilt ab dem 14. Juli 2026.");
    expect(shown(later, "es")).toBe("Este código se puede usar a partir del 14 de julio de 2026.");

    const minimum = { minimumAmounts: { EUR: 1000 } };
    expect(shown(minimum, "en")).toBe("This code needs an order of at least €10.00.");
    expect(shown(minimum, "de")).toBe("Dieser Code gilt erst ab einem Bestellwert von 10,00\u00a0€.");
    expect(shown(minimum, "es")).toBe("Este código requiere un pedido de al menos 10,00\u00a0€.");

    const currency = { kind: "fixed", amountsOff: { USD: 200 } };
    expect(shown(currency, "de")).toBe("Dieser Code gilt nicht für Preise in EUR.");
  });

  it("has a sentence for every reason in every language", () => {
    const reasons = Object.keys(messagesFor("en").checkout.review.refusals);
    for (const locale of locales)
      for (const reason of reasons)
        expect(messagesFor(locale).checkout.review.refusals, `${locale}: ${reason}`).toHaveProperty(reason);
    expect(reasons).toContain("rate_limited");
    expect(shown({ active: false }, "es")).toBe("Este código ya no está activo.");
  });
});
