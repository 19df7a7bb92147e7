// Pure, so client components may import it.
import type { PromotionRefused } from "@/lib/promotions/apply";

export type CheckoutErrorCode =
  | "invalid_input"
  | "bundle_not_found"
  | "bundle_unavailable"
  | "price_changed"
  | "temporarily_unavailable"
  | "checkout_failed"
  | "promotion_refused"
  | "currency_not_sold"
  | "currency_unavailable";

export class CheckoutError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410 | 500 | 503,
    readonly code: CheckoutErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CheckoutError";
  }
}

export class PromotionCheckoutError extends CheckoutError {
  constructor(
    readonly reason: PromotionRefused["reason"],
    message: string,
  ) {
    super(409, "promotion_refused", message);
    this.name = "PromotionCheckoutError";
  }
}

export function checkoutErrorMessage(code: string | undefined | null): string | null {
  switch (code) {
    case "invalid_input":
      return "Please check your email address and try again.";
    case "bundle_not_found":
      return "We don't sell that bundle.";
    case "bundle_unavailable":
      return "This bundle is no longer available. Please choose another one.";
    case "price_changed":
      return "This bundle's price has just changed. Please check the new price and try again.";
    case "temporarily_unavailable":
      return "We can't start the checkout right now. Please try again in a moment.";
    case "currency_not_sold":
      return "We don't sell in that currency. Please choose another one.";
    case "currency_unavailable":
      return "Prices in that currency are paused for now. Please pay in the shop's main currency.";
    case "checkout_failed":
      return "We could not start the checkout. Please try again.";
    default:
      return null;
  }
}
