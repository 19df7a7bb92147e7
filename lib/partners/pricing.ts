// A rule that would sell at or below wholesale cost leaves the bundle out.
import type { Partner } from "@/lib/db/schema";

interface PricedBundle {
  priceMinor: number;
  currency: string;
  wholesaleMinor: number;
  wholesaleCurrency: string;
}

export function partnerPrice(
  partner: Pick<Partner, "pricingKind" | "pricingBps" | "currency">,
  bundle: PricedBundle,
): number | null {
  if (bundle.currency !== partner.currency) return null;
  let price: number;
  if (partner.pricingKind === "markup") {
    if (bundle.wholesaleCurrency !== bundle.currency) return null;
    price = Math.ceil((bundle.wholesaleMinor * (10_000 + partner.pricingBps)) / 10_000);
  } else {
    price = Math.round((bundle.priceMinor * (10_000 - partner.pricingBps)) / 10_000);
  }
  if (bundle.wholesaleCurrency === bundle.currency && price <= bundle.wholesaleMinor) return null;
  return price;
}
